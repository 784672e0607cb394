#!/bin/sh
# Files for tests/cli/intake_second_pass.rs (issue 21). Workbooks whose formulas failed, as LibreOffice saves them after recalculating (issue 21): a unit list whose
# names are a VLOOKUP that found nothing (#N/A) and a division by zero (#DIV/0!), in XLSX (t="e") and ODS
# (calcext:value-type="error"). Needs LibreOffice: soffice --headless.
# Then the workbooks written by openpyxl (scripts/make-openpyxl-fixtures.py; installs openpyxl with pip, or says
# SKIPPED).
set -eu
out=tests/fixtures/intake
python3 "$(dirname "$0")/make-openpyxl-fixtures.py" "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/units-errors.fods" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
  office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:body><office:spreadsheet><table:table table:name="Đơn vị">
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>ma_don_vi</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>ten_don_vi</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>KT</text:p></table:table-cell>
   <table:table-cell table:formula="of:=VLOOKUP(&quot;zz&quot;;[.A1:.A1];1;0)"/>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>VHXH</text:p></table:table-cell>
   <table:table-cell table:formula="of:=1/0"/>
  </table:table-row>
 </table:table></office:spreadsheet></office:body>
</office:document>
XML
for fmt in xlsx ods; do
    soffice --headless --calc --convert-to "$fmt" --outdir "$work" "$work/units-errors.fods" >/dev/null
    cp "$work/units-errors.$fmt" "$out/"
done
# A Word document given where a table is expected (a ZIP like a workbook, told apart by its entries).
python3 - "$out/bao-cao.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p></w:body></w:document>')
PY
ls -l "$out"
