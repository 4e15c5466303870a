// Typed operations from the served schema: src/operations.graphql → src/generated/graphql.ts
// (result and variable types plus a TypedDocumentString per operation). Run by `npm run build`.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../../schema.graphql",
  documents: "src/operations.graphql",
  errorsOnly: true,
  generates: {
    "src/generated/graphql.ts": {
      plugins: ["typescript-operations", "typed-document-node"],
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        avoidOptionals: { field: true, object: true, inputValue: false, defaultValue: false },
        skipTypename: true,
        useTypeImports: true,
        scalars: { ID: "string" },
      },
    },
  },
};

export default config;
