// The one way the explorer talks to the server: a typed operation (generated from
// schema.graphql) POSTed to the public /graphql endpoint.
import type { TypedDocumentString } from "./generated/graphql";

/** /graphql beside /explore, wherever the app is mounted. */
const ENDPOINT = location.pathname.replace(/\/explore(\/.*)?$/, "") + "/graphql";

export class ApiError extends Error {}

/** Roots that are null when nothing has that name or id (not an error). */
type Lookup = "policy" | "unit" | "document" | "project" | "region" | "functionClass" | "moneyFlows";

/** Any other root is null only beside an error, and an error throws: what returns has it. */
export type Answered<R> = { [K in keyof R]: K extends Lookup ? R[K] : NonNullable<R[K]> };

export async function request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<Answered<R>> {
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json()) as { data?: R; errors?: { message: string }[] };
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join("; "));
  if (!response.ok || body.data === undefined) throw new ApiError(`HTTP ${response.status}`);
  return body.data as Answered<R>;
}
