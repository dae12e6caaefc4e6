/**
 * Databases of a bench run: every figure gets a fresh copy of a prepared template on the bench's own embedded
 * PostgreSQL, so a figure and its floor start from the same rows.
 */
import pg from "pg";
import { closeDatabase } from "../lib/db/client";

export interface BenchCluster {
  /** Connection URL of the cluster's `postgres` database (for CREATE DATABASE). */
  adminUrl: string;
}

function databaseUrl(cluster: BenchCluster, name: string): string {
  return cluster.adminUrl.replace(/\/postgres$/, `/${name}`);
}

/**
 * Copies `template` to a new database `name` and points the process's pool at it (DATABASE_URL). Any pool on the
 * template is closed first: PostgreSQL copies only a database nobody is connected to.
 */
export async function useDatabaseCopy(cluster: BenchCluster, template: string, name: string): Promise<string> {
  await closeDatabase();
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return useDatabase(cluster, name);
}

/** Points the process's pool at database `name`. */
export async function useDatabase(cluster: BenchCluster, name: string): Promise<string> {
  await closeDatabase();
  const url = databaseUrl(cluster, name);
  process.env.DATABASE_URL = url;
  return url;
}

/** Drops a database the bench no longer needs (its pages would otherwise fill the disk at 20× the book). */
export async function dropDatabase(cluster: BenchCluster, name: string): Promise<void> {
  await closeDatabase();
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  } finally {
    await admin.end();
  }
}
