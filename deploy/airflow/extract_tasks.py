"""Prints the SparkSubmitOperator tasks of an Airflow DAG file and their `>>` dependencies as JSON,
without importing Airflow.

Used by the build (tests/ ... AirflowDagIT) to check each task's class, jar and arguments against
the reorder CLI: Airflow itself is not installed on build machines, so the DAG is read with `ast`.
Module-level string constants, dict literals, lists, `+` concatenation and `**` dict merges are
evaluated; anything else is an error that names the line.
Usage: python3 extract_tasks.py DAG_FILE
"""
import ast
import json
import sys


def evaluate(node, env, path):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in env:
            raise SystemExit(f"{path}:{node.lineno}: unknown name {node.id}")
        return env[node.id]
    if isinstance(node, ast.List):
        return [evaluate(e, env, path) for e in node.elts]
    if isinstance(node, ast.Dict):
        out = {}
        for k, v in zip(node.keys, node.values):
            if k is None:
                out.update(evaluate(v, env, path))
            else:
                out[evaluate(k, env, path)] = evaluate(v, env, path)
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return evaluate(node.left, env, path) + evaluate(node.right, env, path)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "join" and isinstance(node.func.value, ast.Constant)):
        return node.func.value.value.join(evaluate(node.args[0], env, path))
    raise SystemExit(f"{path}:{node.lineno}: cannot evaluate {ast.dump(node)[:80]}")


def main(path):
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    env = {}
    tasks = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            value = node.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "SparkSubmitOperator":
                kwargs = {k.arg: evaluate(k.value, env, path) for k in value.keywords}
                kwargs["operator"] = value.func.id
                kwargs["variable"] = node.targets[0].id
                tasks.append(kwargs)
            elif isinstance(value, (ast.Constant, ast.Dict, ast.List, ast.BinOp, ast.Call)):
                try:
                    env[node.targets[0].id] = evaluate(value, env, path)
                except SystemExit:
                    pass
    edges = []
    for node in ast.walk(tree):
        # a >> b >> c parses as ((a >> b) >> c): collect each adjacent pair.
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.BinOp):
            chain = []
            expr = node.value
            while isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.RShift):
                chain.insert(0, expr.right)
                expr = expr.left
            chain.insert(0, expr)
            names = [n.id for n in chain if isinstance(n, ast.Name)]
            edges += [[a, b] for a, b in zip(names, names[1:])]
    json.dump({"tasks": tasks, "edges": edges}, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
