/** For tests: a response's JSON, whose shape the test states by what it asserts. */
// biome-ignore lint/suspicious/noExplicitAny: the test asserts the shape it expects.
export async function jsonOf(res: Response): Promise<any> {
  return res.json();
}
