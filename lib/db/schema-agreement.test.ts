import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/test-database";

interface SchemaField {
  model: string;
  table: string;
  column: string;
  prismaType: string;
  list: boolean;
  optional: boolean;
  nativeType: string | null;
}

/** Reads the scalar fields of schema.prisma with their @map/@@map names and @db native types. */
function readSchemaFields(): SchemaField[] {
  const text = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
  const models = [...text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const modelNames = new Set(models.map((match) => match[1]));
  const fields: SchemaField[] = [];
  for (const [, model, body] of models) {
    const table = body.match(/@@map\("([^"]+)"\)/)?.[1] ?? model;
    for (const line of body.split("\n")) {
      const match = line.trim().match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/);
      if (!match || line.trim().startsWith("@@")) continue;
      const [, name, type, list, optional, attributes] = match;
      if (modelNames.has(type)) continue; // relation field, no column
      fields.push({
        model, table, column: attributes.match(/@map\("([^"]+)"\)/)?.[1] ?? name, prismaType: type, list: Boolean(list),
        optional: Boolean(optional), nativeType: attributes.match(/@db\.(\w+(?:\([^)]*\))?)/)?.[1] ?? null,
      });
    }
  }
  return fields;
}

/** The foreign keys schema.prisma declares (`@relation(fields: [...])`), as "table(column, …) → table". */
function readSchemaForeignKeys(): string[] {
  const text = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
  const models = [...text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const tableOf = new Map(models.map(([, model, body]) => [model, body.match(/@@map\("([^"]+)"\)/)?.[1] ?? model]));
  const columnOf = (body: string, field: string) => body.match(new RegExp(`^\\s*${field}\\s.*@map\\("([^"]+)"\\)`, "m"))?.[1] ?? field;
  const keys: string[] = [];
  for (const [, model, body] of models) {
    for (const [, target, fieldList] of body.matchAll(/^\s*\w+\s+(\w+)\??\s+@relation\([^)]*fields:\s*\[([^\]]+)\]/gm)) {
      const columns = fieldList.split(",").map((field) => columnOf(body, field.trim()));
      keys.push(`${tableOf.get(model)}(${columns.join(", ")}) → ${tableOf.get(target)}`);
    }
  }
  return keys.sort();
}

interface DbColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: "YES" | "NO";
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
}

function expectedDataType(field: SchemaField): string {
  if (field.list) return "ARRAY";
  const native = field.nativeType?.replace(/\(.*\)/, "");
  switch (field.prismaType) {
    case "String": return native === "Uuid" ? "uuid" : native === "VarChar" ? "character varying" : "text";
    case "Int": return "integer";
    case "BigInt": return "bigint";
    case "Float": return "double precision";
    case "Decimal": return "numeric";
    case "Boolean": return "boolean";
    case "Json": return "jsonb";
    case "DateTime": return native === "Date" ? "date" : native === "Timestamptz" ? "timestamp with time zone" : "timestamp without time zone";
    default: throw new Error(`No mapping for Prisma type ${field.prismaType}`);
  }
}

describe("schema.prisma and the applied migrations", () => {
  let columns: DbColumn[];
  let foreignKeys: string[];
  const fields = readSchemaFields();

  const database = useTestDatabase();
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    columns = (await client.query<DbColumn>(
      `SELECT table_name, column_name, data_type, is_nullable, character_maximum_length, numeric_precision, numeric_scale
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    )).rows;
    foreignKeys = (await client.query<{ key: string }>(
      `SELECT c.conrelid::regclass::text || '(' || string_agg(a.attname, ', ' ORDER BY k.ord) || ') → ' || c.confrelid::regclass::text AS key
         FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        GROUP BY c.oid, c.conrelid, c.confrelid`,
    )).rows.map((row) => row.key.replaceAll('"', "")).sort();
    await client.end();
  });

  it("has exactly the tables of the schema's models", () => {
    const schemaTables = [...new Set(fields.map((field) => field.table))].sort();
    const dbTables = [...new Set(columns.map((column) => column.table_name))].sort();
    expect(schemaTables.length).toBe(32);
    expect(dbTables).toEqual(schemaTables);
  });

  it("has a column of a compatible type and nullability for every model field", () => {
    const problems: string[] = [];
    for (const field of fields) {
      const column = columns.find((candidate) => candidate.table_name === field.table && candidate.column_name === field.column);
      const where = `${field.model}.${field.column}`;
      if (!column) {
        problems.push(`${where}: no column ${field.table}.${field.column}`);
        continue;
      }
      if (column.data_type !== expectedDataType(field)) problems.push(`${where}: ${column.data_type} vs ${expectedDataType(field)}`);
      if (!field.list && (column.is_nullable === "YES") !== field.optional) problems.push(`${where}: nullability differs`);
      const size = field.nativeType?.match(/\((\d+)(?:,\s*(\d+))?\)/);
      if (size && field.prismaType === "String" && column.character_maximum_length !== Number(size[1])) {
        problems.push(`${where}: varchar(${column.character_maximum_length}) vs ${field.nativeType}`);
      }
      if (size && field.prismaType === "Decimal" && (column.numeric_precision !== Number(size[1]) || column.numeric_scale !== Number(size[2]))) {
        problems.push(`${where}: numeric(${column.numeric_precision},${column.numeric_scale}) vs ${field.nativeType}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("has exactly the foreign keys of the schema's relations", () => {
    // symbol_factor_exposures, factor_exposures and stress_test_results keep theirs per statement (lib/db/statement-references.test.ts).
    expect(foreignKeys.length).toBeGreaterThan(10);
    expect(foreignKeys).toEqual(readSchemaForeignKeys());
  });

  it("has no column that the schema does not know", () => {
    const known = new Set(fields.map((field) => `${field.table}.${field.column}`));
    const unknown = columns.map((column) => `${column.table_name}.${column.column_name}`).filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
  });
});
