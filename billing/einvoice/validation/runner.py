"""Child process of `billing.einvoice.validation.schematron_failures`.

Reads `{"documents": {name: path}, "stylesheets": [path]}` on stdin, runs each compiled
stylesheet (SVRL output) on each document and writes the failed asserts as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from lxml import etree
from saxonche import PySaxonProcessor

SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def failed_asserts(svrl: str) -> list[dict]:
    root = etree.fromstring(svrl.encode())
    return [
        {
            "rule": node.get("id") or "",
            "flag": node.get("flag") or "",
            "location": node.get("location") or "",
            "text": " ".join("".join(node.itertext()).split()),
        }
        for node in root.iter(f"{SVRL}failed-assert")
    ]


def main() -> None:
    request = json.load(sys.stdin)
    results: dict[str, dict[str, list[dict]]] = {name: {} for name in request["documents"]}
    with PySaxonProcessor(license=False) as processor:
        xslt = processor.new_xslt30_processor()
        for sheet in request["stylesheets"]:
            executable = xslt.compile_stylesheet(stylesheet_file=sheet)
            for name, path in request["documents"].items():
                svrl = executable.transform_to_string(source_file=path)
                results[name][Path(sheet).name] = failed_asserts(svrl)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
