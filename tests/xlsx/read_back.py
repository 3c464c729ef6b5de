#!/usr/bin/env python3
"""Read workbooks with openpyxl (an independent reader) and print, per file,
what a person opening them would see: sheets and whether hidden, merged
ranges, page setup, repeated title rows, column widths, cell texts and
which cells are shaded. Usage: read_back.py FILE... (JSON on stdout)."""
import json
import sys

import openpyxl

out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        cells = {}
        shaded = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and str(c.value) != "":
                    cells[c.coordinate] = str(c.value)
                    if c.fill is not None and c.fill.fgColor is not None and c.fill.fill_type == "solid":
                        shaded.append(c.coordinate)
        sheets.append({
            "name": ws.title,
            "state": ws.sheet_state,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "orientation": ws.page_setup.orientation,
            "paperSize": ws.page_setup.paperSize,
            "fitToWidth": ws.page_setup.fitToWidth,
            "fitToHeight": ws.page_setup.fitToHeight,
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "titleRows": ws.print_title_rows,
            "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
            "cells": cells,
            "shaded": shaded,
        })
    out[path] = sheets
print(json.dumps(out, ensure_ascii=False))
