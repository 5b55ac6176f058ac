// @ts-check
/**
 * Lint for the server, the pages, the tests and the scripts: typescript-eslint's recommended rules,
 * plus the few this codebase relies on (type-only imports of server types into the pages so nothing
 * server-side is bundled by accident, sorted imports, no non-null assertions in shipped code). Formatting is Prettier's job; its config turns
 * off every stylistic rule that would fight it.
 */
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "test-results/**", ".wrangler/**", "data/**", ".sim/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    plugins: { "simple-import-sort": simpleImportSort },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "simple-import-sort/imports": "error",
      "simple-import-sort/exports": "error",
    },
  },
  {
    // Shipped code states its invariants (src/lib/invariant.ts) instead of asserting them away; tests
    // may assert, since a wrong assertion there fails the test, which is what a test is for.
    files: ["src/**", "public/**", "scripts/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "error" },
  },
  prettier,
);
