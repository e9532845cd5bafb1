// npm run codegen: writes the printed schema (schema.graphql, committed), the typed documents
// the tests use as their client (test/gql/), and the web client's (web/src/gql/, from the
// graphql(`...`) calls in web/src).
import type { CodegenConfig } from "@graphql-codegen/cli";
import { printSchema } from "graphql";
import { schema } from "./src/schema/index.ts";

// Typed documents as strings (TypedDocumentString): fetch and graphql-ws send them as they are.
const typedDocuments = {
  preset: "client",
  presetConfig: { fragmentMasking: false },
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    scalars: { DateTime: "string", ID: "string" },
    documentMode: "string",
  },
} as const;

const config: CodegenConfig = {
  schema: printSchema(schema),
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    "schema.graphql": { plugins: ["schema-ast"], config: { includeDirectives: false } },
    "test/gql/": {
      documents: ["test/documents/**/*.graphql"],
      ...typedDocuments,
    },
    "web/src/gql/": {
      documents: ["web/src/**/*.{ts,tsx}", "!web/src/gql/**"],
      ...typedDocuments,
    },
  },
};

export default config;
