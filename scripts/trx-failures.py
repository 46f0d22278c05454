#!/usr/bin/env python3
"""Prints one line per failed test in a .trx file: 'FAILED <test>: <first line of the message>'.

test.sh runs it after every suite so the failures stand at the end of the log, where a tail still shows them."""
import sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
root = ET.parse(sys.argv[1]).getroot()
for result in root.iterfind(".//t:UnitTestResult", ns):
    if result.get("outcome") != "Failed":
        continue
    message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=ns).strip()
    first = message.splitlines()[0] if message else "(no message)"
    print(f"FAILED {result.get('testName')}: {first[:400]}")
