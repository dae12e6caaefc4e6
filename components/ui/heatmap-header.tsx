import type { ReactNode } from "react";

/** Average advance of a 12 px (text-xs) character, for sizing the header row from its longest label. */
const CHAR_PX = 7;

/**
 * Height of a heatmap's header row that holds its longest label rotated 45°, plus room for a sort arrow: the labels
 * rise from the bottom of their cell and never reach below it into the data rows.
 */
export function heatmapHeaderHeightPx(labels: readonly string[]): number {
  const longest = Math.max(4, ...labels.map((label) => label.length + 2));
  return Math.ceil(longest * CHAR_PX * Math.SQRT1_2) + 16;
}

/**
 * A heatmap column header with its label rotated 45° about the bottom-left corner, starting at the cell's bottom
 * centre and rising to the right: the label's box stays above the header row's bottom edge whatever its length.
 * The label overhangs to the right, so the table's wrapper keeps `heightPx` of room after the last column. The
 * header cells let pointer events through and only their labels take them: a label crosses the cells of the columns
 * to its right, and those cells (later in the page, so painted above it) would otherwise swallow a click on it.
 */
export function HeatmapColumnHeader({ heightPx, widthClass = "w-14", children, ariaSort, title }: {
  heightPx: number; widthClass?: string; children: ReactNode; ariaSort?: "ascending" | "descending" | "none"; title?: string;
}) {
  return (
    <th scope="col" className={`pointer-events-none relative p-0 align-bottom font-medium ${widthClass}`} style={{ height: `${heightPx}px` }} aria-sort={ariaSort}>
      <div data-heatmap-label title={title} className="pointer-events-auto absolute bottom-1 left-1/2 origin-bottom-left -rotate-45 whitespace-nowrap text-left leading-4">{children}</div>
    </th>
  );
}

/** The scroll box of a heatmap: scrolls sideways inside its card, with room for the last rotated label. */
export function HeatmapScroll({ heightPx, children }: { heightPx: number; children: ReactNode }) {
  return (
    <div className="overflow-x-auto" data-heatmap>
      <div className="w-max" style={{ paddingRight: `${Math.round(heightPx * 0.8)}px` }}>{children}</div>
    </div>
  );
}

/** Classes of the first (row label) column: it stays in view while the heatmap scrolls sideways. */
export const STICKY_FIRST = "sticky left-0 z-[1] bg-white";
