/**
 * schema.prisma (what the Prisma client believes) and the migrated database (what PostgreSQL
 * enforces) must never drift apart: this test compares tables, columns, types, nullability,
 * enums, primary keys, unique and plain indexes, and foreign keys with their delete actions.
 * The DMMF comes from Prisma's own schema parser (WebAssembly build, no engine download).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../helpers/sql.ts";

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  isUnique: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type DmmfModel = {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
  uniqueIndexes: { name: string | null; fields: string[] }[];
};
type DmmfEnum = {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName?: string | null }[];
};
type Dmmf = { datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] } };
type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
};

const schema = readFileSync(
  path.resolve(import.meta.dirname, "../../prisma/schema.prisma"),
  "utf8",
);
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))) as Dmmf;
const models = dmmf.datamodel.models;
const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
const columnOf = (m: DmmfModel, fieldName: string) => {
  const f = m.fields.find((x) => x.name === fieldName);
  if (!f) throw new Error(`${m.name}.${fieldName} not found`);
  return f.dbName ?? f.name;
};

/** The PostgreSQL type Prisma expects for a scalar field, as `udt_name[(length)]`. */
function expectedType(f: DmmfField): string {
  // A list field is a PostgreSQL array: udt_name is the element type's name prefixed with `_`
  // (Int[] → _int4). information_schema gives arrays no length or precision.
  if (f.isList) return `_${expectedType({ ...f, isList: false }).replace(/\(.*\)$/, "")}`;
  if (f.kind === "enum") {
    const e = dmmf.datamodel.enums.find((x) => x.name === f.type)!;
    return e.dbName ?? e.name;
  }
  const [native, args] = f.nativeType ?? [null, []];
  switch (f.type) {
    case "String":
      if (native === "Uuid") return "uuid";
      if (native === "VarChar") return `varchar(${args[0]})`;
      if (native === "Char") return `bpchar(${args[0]})`;
      if (native === "Citext") return "citext";
      if (native === null || native === "Text") return "text";
      break;
    case "Int":
      if (native === "SmallInt") return "int2";
      if (native === null || native === "Integer") return "int4";
      break;
    case "BigInt":
      return "int8";
    case "Boolean":
      return "bool";
    case "Json":
      return native === "Json" ? "json" : "jsonb";
    case "DateTime":
      if (native === "Date") return "date";
      if (native === "Timestamptz") return `timestamptz(${args[0] ?? 6})`;
      if (native === null) return "timestamp(3)";
      if (native === "Timestamp") return `timestamp(${args[0] ?? 6})`;
      break;
  }
  throw new Error(`No mapping for ${f.name}: ${f.type} ${native ?? ""}`);
}

type Column = {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  character_maximum_length: number | null;
  datetime_precision: number | null;
};
let columns: Column[] = [];
let indexes: { table: string; columns: string[]; unique: boolean; primary: boolean }[] = [];
let fks: {
  table: string;
  columns: string[];
  ref_table: string;
  ref_columns: string[];
  on_delete: string;
}[] = [];
let enums: Map<string, string[]>;

beforeAll(async () => {
  columns = (
    await sql().query<Column>(
      `SELECT table_name, column_name, udt_name, is_nullable, character_maximum_length, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    )
  ).rows;
  indexes = (
    await sql().query(
      `SELECT t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
              array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) AS columns
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace ns ON ns.oid = t.relnamespace
         JOIN pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_am am ON am.oid = ic.relam
        WHERE ns.nspname = 'public' AND t.relname <> '_prisma_migrations' AND am.amname = 'btree'
          AND i.indexprs IS NULL AND i.indpred IS NULL`,
    )
  ).rows;
  fks = (
    await sql().query(
      `SELECT t.relname AS table, rt.relname AS ref_table, c.confdeltype AS on_delete,
              array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
              array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS ref_columns
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_class rt ON rt.oid = c.confrelid
         JOIN pg_namespace ns ON ns.oid = t.relnamespace
        WHERE c.contype = 'f' AND ns.nspname = 'public'`,
    )
  ).rows;
  const enumRows = (
    await sql().query<{ name: string; label: string }>(
      `SELECT t.typname AS name, e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
        ORDER BY t.typname, e.enumsortorder`,
    )
  ).rows;
  enums = new Map();
  for (const r of enumRows) enums.set(r.name, [...(enums.get(r.name) ?? []), r.label]);
});

describe("schema.prisma and the migrated database agree", () => {
  it("on the set of tables", () => {
    const dbTables = [...new Set(columns.map((c) => c.table_name))].sort();
    expect(dbTables).toEqual(models.map(tableOf).sort());
  });

  it("on enums and their values", () => {
    for (const e of dmmf.datamodel.enums) {
      expect(enums.get(e.dbName ?? e.name), e.name).toEqual(
        e.values.map((v) => v.dbName ?? v.name),
      );
    }
    expect([...enums.keys()].sort()).toEqual(
      dmmf.datamodel.enums.map((e) => e.dbName ?? e.name).sort(),
    );
  });

  it("on every column, its type and its nullability", () => {
    for (const m of models) {
      const table = tableOf(m);
      const scalar = m.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
      const dbCols = columns.filter((c) => c.table_name === table);
      expect(dbCols.map((c) => c.column_name).sort(), `columns of ${table}`).toEqual(
        scalar.map((f) => f.dbName ?? f.name).sort(),
      );
      for (const f of scalar) {
        const col = dbCols.find((c) => c.column_name === (f.dbName ?? f.name))!;
        const actual =
          col.udt_name === "varchar" || col.udt_name === "bpchar"
            ? `${col.udt_name}(${col.character_maximum_length})`
            : col.udt_name === "timestamptz" || col.udt_name === "timestamp"
              ? `${col.udt_name}(${col.datetime_precision})`
              : col.udt_name;
        expect(actual, `type of ${table}.${col.column_name}`).toBe(expectedType(f));
        expect(col.is_nullable === "NO", `nullability of ${table}.${col.column_name}`).toBe(
          f.isRequired,
        );
      }
    }
  });

  it("on primary keys, unique indexes and plain indexes", () => {
    for (const m of models) {
      const table = tableOf(m);
      const pkFields = m.primaryKey?.fields ?? m.fields.filter((f) => f.isId).map((f) => f.name);
      const expectedPk = pkFields.map((f) => columnOf(m, f));
      const dbPk = indexes.filter((i) => i.table === table && i.primary).map((i) => i.columns);
      expect(dbPk, `primary key of ${table}`).toEqual([expectedPk]);

      const uniques = [
        ...m.fields.filter((f) => f.isUnique).map((f) => [f.name]),
        ...m.uniqueFields,
      ].map((fields) => fields.map((f) => columnOf(m, f)).join(","));
      const dbUniques = indexes
        .filter((i) => i.table === table && i.unique && !i.primary)
        .map((i) => i.columns.join(","));
      expect(dbUniques.sort(), `unique indexes of ${table}`).toEqual([...new Set(uniques)].sort());

      const plain = dmmf.datamodel.indexes
        .filter((ix) => ix.model === m.name && ix.type === "normal")
        .map((ix) => ix.fields.map((f) => columnOf(m, f.name)).join(","));
      const dbPlain = indexes
        .filter((i) => i.table === table && !i.unique && !i.primary)
        .map((i) => i.columns.join(","));
      expect(dbPlain.sort(), `indexes of ${table}`).toEqual(plain.sort());
    }
  });

  it("on foreign keys and what happens on delete", () => {
    const action: Record<string, string> = {
      Cascade: "c",
      Restrict: "r",
      SetNull: "n",
      NoAction: "a",
      SetDefault: "d",
    };
    const expected: string[] = [];
    for (const m of models) {
      for (const f of m.fields) {
        if (f.kind !== "object" || !f.relationFromFields?.length) continue;
        const target = models.find((x) => x.name === f.type)!;
        expect(f.relationOnDelete, `${m.name}.${f.name} must state onDelete`).toBeDefined();
        expected.push(
          [
            tableOf(m),
            f.relationFromFields.map((x) => columnOf(m, x)).join(","),
            tableOf(target),
            f.relationToFields!.map((x) => columnOf(target, x)).join(","),
            action[f.relationOnDelete!],
          ].join(" "),
        );
      }
    }
    const actual = fks.map((k) =>
      [k.table, k.columns.join(","), k.ref_table, k.ref_columns.join(","), k.on_delete].join(" "),
    );
    expect(actual.sort()).toEqual(expected.sort());
  });
});
