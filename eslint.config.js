import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "server-build/",
      "data/",
      "app/generated/",
      "node_modules/",
      "test-results/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/routes/**", "#app/routes/*"],
              message: "Nothing outside app/routes imports from app/routes.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": "off",
      // The input boundary (decision 0013): routes read the query and the form only through a
      // zod schema (parseQuery, parseForm, parseIntentForm, parseFormData in form.server.ts).
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='searchParams']",
          message: "Read the query string with parseQuery(request, Schema) (decision 0013).",
        },
        {
          selector: "CallExpression[callee.property.name='formData']",
          message:
            "Read the form with parseForm/parseIntentForm and its zod schema (decision 0013).",
        },
        {
          selector:
            "CallExpression[callee.property.name=/^(get|getAll|has|entries)$/][callee.object.name=/^(form|formData|body)$/]",
          message: "Read form fields through the form's zod schema, not form.get (decision 0013).",
        },
        {
          selector:
            "CallExpression[callee.property.name=/^(get|getAll|has|entries)$/][callee.object.property.name=/^(form|formData)$/]",
          message: "Read form fields through the form's zod schema, not form.get (decision 0013).",
        },
      ],
    },
  },
);
