// @ts-check
/**
 * Lint for the server, the pages, the tests and the scripts: typescript-eslint's recommended rules,
 * plus the few this codebase relies on (no non-null assertions in shipped code, type-only imports
 * of server types into the pages so nothing server-side is bundled by accident).
 */
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "test-results/**", ".wrangler/**", "data/**", ".sim/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
