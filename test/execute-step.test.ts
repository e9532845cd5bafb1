// http/execute-step.ts: several plugins' onExecute hooks run as one envelop step, in their order,
// with what each sets (the execute function, the result) as separate steps would have it.
import { envelop, type Plugin, useEngine, useSchema } from "@envelop/core";
import { buildSchema, type ExecutionArgs, type ExecutionResult, execute, parse, subscribe, validate } from "graphql";
import { expect, it } from "vitest";
import { oneExecuteStep } from "../src/http/execute-step.ts";

const schema = buildSchema("type Query { n: Int }");
const document = parse("{ n }");

function run(plugins: Plugin[]) {
  const getEnveloped = envelop({
    plugins: [useEngine({ parse, validate, execute, subscribe }), useSchema(schema), ...plugins],
  });
  const { execute: run, schema: s } = getEnveloped({});
  return run({ schema: s, document, rootValue: { n: 1 }, contextValue: {} }) as Promise<ExecutionResult>;
}

it("runs the hooks in order as one step, each done hook seeing the result the ones before set", async () => {
  const seen: string[] = [];
  const timesTen = (args: ExecutionArgs) => execute({ ...args, rootValue: { n: 10 } });
  const plugins: Plugin[] = [
    { onExecute: () => void seen.push("a") },
    { onParse: () => {} },
    {
      onExecute: ({ setExecuteFn }) => {
        seen.push("b");
        setExecuteFn(timesTen);
        return {
          onExecuteDone: ({ result, setResult }) => {
            seen.push(`b done ${JSON.stringify((result as ExecutionResult).data)}`);
            setResult({ data: { n: 11 } });
          },
        };
      },
    },
    {
      onExecute: () => {
        seen.push("c");
        return {
          onExecuteDone: ({ result }) => void seen.push(`c done ${JSON.stringify((result as ExecutionResult).data)}`),
        };
      },
    },
  ];
  const merged = oneExecuteStep(plugins);
  // One step where the first was; the others keep their other hooks, in place.
  expect(merged.filter((p) => p.onExecute)).toHaveLength(1);
  expect(merged.map((p) => Object.keys(p))).toEqual([["onExecute"], [], ["onParse"], [], []]);

  expect((await run(merged)).data).toEqual({ n: 11 });
  expect(seen).toEqual(["a", "b", "c", 'b done {"n":10}', 'c done {"n":11}']);
  // As separate steps: the same.
  seen.length = 0;
  expect((await run(plugins)).data).toEqual({ n: 11 });
  expect(seen).toEqual(["a", "b", "c", 'b done {"n":10}', 'c done {"n":11}']);
});

it("leaves a list with fewer than two onExecute hooks as it is", () => {
  const plugins: Plugin[] = [{ onParse: () => {} }, { onExecute: () => {} }];
  expect(oneExecuteStep(plugins)).toBe(plugins);
});

it("refuses a hook that returns a promise", async () => {
  const merged = oneExecuteStep<Plugin>([{ onExecute: () => {} }, { onExecute: async () => {} }]);
  await expect(Promise.resolve().then(() => run(merged))).rejects.toThrow(/returned a promise/);
});
