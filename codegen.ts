// npm run codegen: writes the printed schema (schema.graphql, committed) and the typed documents
// the tests use as their client (test/gql/).
import type { CodegenConfig } from "@graphql-codegen/cli";
import { printSchema } from "graphql";
import { schema } from "./src/schema/index.ts";

const config: CodegenConfig = {
  schema: printSchema(schema),
  documents: ["test/documents/**/*.graphql"],
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    "schema.graphql": { plugins: ["schema-ast"], config: { includeDirectives: false } },
    "test/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string", ID: "string" },
        documentMode: "string",
      },
    },
  },
};

export default config;
