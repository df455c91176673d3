import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const ROUTES_PATTERN = {
  group: ["**/routes/**", "#app/routes/*"],
  message: "Nothing outside app/routes imports from app/routes.",
};

// Decision 0011: the Prisma client is out of the runtime. Nothing imports it or its generated
// client, the data layer and the tests included; only the Prisma CLI's own config
// (prisma.config.ts: the SQLite migrations) loads a Prisma package.
const PRISMA_PATTERN = {
  group: ["@prisma/*", "**/generated/prisma/**", "#app/generated/**"],
  message:
    "The Prisma client is not used at run time (decision 0011): query through the data layer (#app/data/db.server.ts).",
};

// Decision 0011: nothing outside the data layer (app/data) reaches the database itself.
const DATA_PATTERN = {
  group: ["better-sqlite3", "pg", "#app/data/sqlite.server*", "#app/data/postgres.server*"],
  message:
    "Use the data layer (#app/data/db.server.ts: db, write, streamRead), decision 0011. Not-yet-converted files are listed in NOT_YET_CONVERTED.",
};

// Files that still reach better-sqlite3 directly (bench tools; phase 2 of decision 0011 is
// done for the app). This list only shrinks: a converted file is removed from it.
const NOT_YET_CONVERTED = [
  "scripts/bench.ts",
  "scripts/bench/consult.ts",
  "scripts/bench/learning.ts",
];

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
        { patterns: [ROUTES_PATTERN, DATA_PATTERN, PRISMA_PATTERN] },
      ],
    },
  },
  {
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [DATA_PATTERN, PRISMA_PATTERN] }],
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
  {
    // The data layer itself and tests (which open connections below the layer: a second
    // process holding SQLite's lock, the PostgreSQL cluster's admin client).
    files: [
      "app/data/**",
      "tests/**",
      "**/*.test.ts",
      // Database operations tools (migrations, copy, backup): they work below the layer.
      "scripts/pg/**",
      "scripts/db-*.ts",
    ],
    rules: { "no-restricted-imports": ["error", { patterns: [ROUTES_PATTERN, PRISMA_PATTERN] }] },
  },
  {
    files: NOT_YET_CONVERTED.filter((f) => !f.startsWith("app/routes/")),
    rules: { "no-restricted-imports": ["error", { patterns: [ROUTES_PATTERN, PRISMA_PATTERN] }] },
  },
  {
    // The Prisma CLI's config (schema and SQLite migrations): the one legitimate Prisma import.
    files: ["prisma.config.ts", "prisma/pg/prisma.config.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [ROUTES_PATTERN] }] },
  },
  // Every route is converted; the block comes back only if a route joins the list (ESLint
  // refuses an empty "files").
  ...NOT_YET_CONVERTED.filter((f) => f.startsWith("app/routes/")).map((f) => ({
    files: [f],
    rules: { "no-restricted-imports": "off" },
  })),
);
