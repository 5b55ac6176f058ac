/**
 * npm run lint:openapi: writes the OpenAPI document the app serves (/api/openapi.json) to a
 * temporary file and lints it with Redocly's CLI under redocly.yaml, printing what it finds.
 * test/http/openapi-lint.test.ts runs the same check in the test suite.
 */
import { lintOpenApi, servedOpenApiDocument } from "../test/helpers/openapi-lint.js";

const document = await servedOpenApiDocument();
const { problems, output } = lintOpenApi(document, "stylish");
process.stdout.write(output);
process.exit(problems.errors > 0 ? 1 : 0);
