import "server-only";
import { cache } from "react";
import type { Viewer } from "@/lib/auth/viewer";
import { readPortfolioDetailBody } from "@/lib/queries/read-portfolio-detail";

/**
 * The viewer's portfolio, read once per request: the segment's layout reads it first (a missing or foreign portfolio
 * is a real HTTP 404 before the loading boundary streams) and the page gets the same answer without a second query.
 */
export const readOwnPortfolio = cache((viewer: Viewer, portfolioId: string) => readPortfolioDetailBody(viewer, portfolioId));
