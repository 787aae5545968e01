#!/usr/bin/env python3
"""Print what botocore's response parsers make of AWS answers, without any network.

stdin: {"cases": [{"service": "s3control", "operation": "DescribeJob", "status": 200,
                   "headers": {...}, "body": "<xml>"}]}
stdout: {"results": [parsed output | {"error": "..."}]}, timestamps as seconds since 1970 and
ResponseMetadata removed.
"""
import datetime
import json
import sys

import botocore.session
from botocore import parsers


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def main():
    session = botocore.session.get_session()
    results = []
    for case in json.load(sys.stdin)["cases"]:
        try:
            model = session.get_service_model(case["service"])
            operation = model.operation_model(case["operation"])
            parser = parsers.create_parser(model.metadata["protocol"])
            parsed = parser.parse(
                {
                    "status_code": case.get("status", 200),
                    "headers": case.get("headers", {}),
                    "body": case["body"].encode("utf-8"),
                },
                operation.output_shape,
            )
            results.append(plain(parsed))
        except Exception as error:
            results.append({"error": f"{type(error).__name__}: {error}"})
    json.dump({"results": results}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
