#!/usr/bin/env python3
"""Builds the seed corpora under fuzz/corpus/ from the project's fixtures (run from fuzz/).

- text: every report text, the rule fixtures, the text regression inputs, and each report
  cut into ~15 KB pieces on line boundaries (whole reports are slow to mutate);
- pdf: every fixture PDF and its truncations at every 10%, the PDF regression inputs, and,
  when qpdf is installed, single pages rewritten uncompressed (`qpdf --qdf`) so that
  mutations reach content streams instead of breaking Flate; pages over 100 KB (fonts
  included) are left out;
- docx: every fixture .docx and its truncations, plus small *stored* (uncompressed) Word
  packages built from fixtures/rules/*/fires.txt with tables, merged cells, auto-numbering,
  footnote references and a tracked deletion/insertion, so mutations reach the XML.
"""
import glob
import html
import os
import re
import shutil
import subprocess
import zipfile

os.chdir(os.path.dirname(os.path.abspath(__file__)))
for d in ("text", "pdf", "docx"):
    os.makedirs("corpus/" + d, exist_ok=True)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


# text
reports = glob.glob("../fixtures/text/*.txt") + glob.glob("../fixtures/pdf/*.txt")
for p in reports + glob.glob("../tests/regressions/*.txt"):
    shutil.copy(p, "corpus/text/")
for d in glob.glob("../fixtures/rules/*/"):
    for f in glob.glob(d + "*.txt"):
        shutil.copy(f, "corpus/text/rules-%s-%s" % (os.path.basename(d.rstrip("/")), os.path.basename(f)))
for p in reports:
    chunk, size, k = [], 0, 0
    for line in open(p, "rb").read().split(b"\n"):
        chunk.append(line)
        size += len(line) + 1
        if size > 15000:
            write("corpus/text/%s.part%02d" % (os.path.basename(p), k), b"\n".join(chunk))
            chunk, size, k = [], 0, k + 1
    if chunk:
        write("corpus/text/%s.part%02d" % (os.path.basename(p), k), b"\n".join(chunk))

# pdf and docx: whole files and truncations
for p in glob.glob("../fixtures/pdf/*.pdf") + glob.glob("../fixtures/docx/*.docx"):
    b = open(p, "rb").read()
    n = os.path.basename(p)
    d = "corpus/pdf/" if p.endswith(".pdf") else "corpus/docx/"
    write(d + n, b)
    for k in range(1, 10):
        write("%s%s.cut%d0" % (d, n, k), b[: len(b) * k // 10])
for p in glob.glob("../tests/regressions/*.pdf"):
    shutil.copy(p, "corpus/pdf/")
for p in glob.glob("../tests/regressions/*.docx"):
    shutil.copy(p, "corpus/docx/")

# pdf: uncompressed single pages
if shutil.which("qpdf"):
    for p in glob.glob("../fixtures/pdf/*.pdf"):
        n = os.path.basename(p)[:-4]
        pages = int(subprocess.run(["qpdf", "--show-npages", p], capture_output=True, text=True).stdout or 0)
        for page in sorted({1, pages // 4, pages // 2, pages - 3, pages - 1} - {0}):
            if page < 1 or page > pages:
                continue
            out = "corpus/pdf/qdf-%s-p%d.pdf" % (n, page)
            subprocess.run(["qpdf", "--qdf", "--object-streams=disable", "--compress-streams=n",
                            p, "--pages", ".", str(page), "--", out], capture_output=True)
            if os.path.exists(out) and os.path.getsize(out) > 100_000:
                os.remove(out)

# docx: small stored packages
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(t):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % html.escape(t, quote=False)


def package(text, tracked=False):
    body, table = [], []

    def flush():
        if not table:
            return
        body.append("<w:tbl>")
        for i, row in enumerate(table):
            body.append("<w:tr>")
            for j, c in enumerate(row):
                pr = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' if i == 0 and j == 0 else ""
                body.append("<w:tc>%s%s</w:tc>" % (pr, para(c)))
            body.append("</w:tr>")
        body.append("</w:tbl>")
        table.clear()

    for line in text.splitlines():
        cells = [c for c in line.split("\t") if c]
        if len(cells) >= 2:
            table.append(cells)
            continue
        flush()
        t = line.strip()
        if not t:
            continue
        n, _, rest = t.partition(". ")
        if n.isdigit() and len(n) <= 2 and rest:
            body.append('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                        '<w:r><w:t xml:space="preserve">%s</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
                        % html.escape(rest, quote=False))
        else:
            body.append(para(t))
    flush()
    doc = "".join(body)
    if tracked:
        # The first key-question percentage becomes a tracked change to 41%.
        doc = re.sub(
            r'<w:r><w:t xml:space="preserve">(\d+%)</w:t></w:r>',
            r'<w:del w:id="1" w:author="A. Editor"><w:r><w:delText>\1</w:delText></w:r></w:del>'
            r'<w:ins w:id="2" w:author="A. Editor"><w:r><w:t>41%</w:t></w:r></w:ins>', doc, count=1)
    return {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (W, doc),
        "word/numbering.xml": '<?xml version="1.0"?><w:numbering %s><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>' % W,
        "word/footnotes.xml": '<?xml version="1.0"?><w:footnotes %s><w:footnote w:id="1"><w:p><w:r><w:t>A note.</w:t></w:r></w:p></w:footnote></w:footnotes>' % W,
    }


def store(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, xml in parts.items():
            z.writestr(name, xml)


for d in sorted(glob.glob("../fixtures/rules/*/")):
    store("corpus/docx/stored-%s.docx" % os.path.basename(d.rstrip("/")), package(open(d + "fires.txt").read()))
store("corpus/docx/stored-tracked.docx", package(open("../fixtures/rules/band-rule/clean.txt").read(), tracked=True))
for d in ("text", "pdf", "docx"):
    print(d, len(os.listdir("corpus/" + d)), "seeds")
