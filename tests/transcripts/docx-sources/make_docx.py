#!/usr/bin/env python3
"""Writes the .docx fixtures of the reading corpus.

Word documents are zip archives of XML parts. These are written the way Word writes them: runs
split mid-word by proofing and revision ids, localized style ids (`Titre`, `Citation`), tracked
changes, a two-column table. Run from tests/transcripts: python3 docx-sources/make_docx.py
"""
import zipfile
from xml.sax.saxutils import escape

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'''

RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'''

DOC_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'''


def styles(pairs):
    body = ''.join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/></w:style>'
        for sid, name in pairs
    )
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
            f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>{body}</w:styles>')


def core(title):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>Service communication</dc:creator></cp:coreProperties>')


def run(text, bold=False, italic=False, rsid='00A1B2C3'):
    props = ''
    if bold or italic:
        props = '<w:rPr>' + ('<w:b/><w:bCs/>' if bold else '') + ('<w:i/><w:iCs/>' if italic else '') + '<w:lang w:val="fr-FR"/></w:rPr>'
    space = ' xml:space="preserve"' if text != text.strip() else ''
    return f'<w:r w:rsidR="{rsid}">{props}<w:t{space}>{escape(text)}</w:t></w:r>'


def para(*runs, style=None, rsid='00D4E5F6'):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ''
    return f'<w:p w:rsidR="{rsid}" w:rsidRDefault="{rsid}">{ppr}{"".join(runs)}</w:p>'


def split_runs(text, bold=False, italic=False):
    """Word splits runs where proofing or editing sessions touched the text."""
    words = text.split(' ')
    if len(words) < 4:
        return run(text, bold, italic)
    cut = len(words) // 2
    first = ' '.join(words[:cut]) + ' '
    second = ' '.join(words[cut:])
    middle = len(second) // 2
    return (run(first, bold, italic, '00A1B2C3') + '<w:proofErr w:type="spellStart"/>'
            + run(second[:middle], bold, italic, '00F00BA7') + '<w:proofErr w:type="spellEnd"/>'
            + run(second[middle:], bold, italic, '00F00BA7'))


def document(body):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            f'<w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')


def write(path, body, style_pairs, title):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('_rels/.rels', RELS)
        z.writestr('word/_rels/document.xml.rels', DOC_RELS)
        z.writestr('word/document.xml', document(body))
        z.writestr('word/styles.xml', styles(style_pairs))
        z.writestr('docProps/core.xml', core(title))


# A French press-office document: title style, bold questions without question marks, a full-name
# label on the first answer then initials, a tracked change, a pull quote in the "Citation" style.
body = ''.join([
    para(run('Le Grand Rodez mise sur le vélo'), style='Titre'),
    para(split_runs('Entretien avec Mireille Bousquet-Castan, vice-présidente chargée des mobilités, '
                    'et Thomas Auriol, chef du service vélo de l’agglomération.')),
    para(split_runs('Présentez-nous le plan vélo', bold=True)),
    para(run('Mireille Bousquet-Castan : ', bold=True),
         split_runs('Quarante kilomètres de pistes en cinq ans, et surtout des pistes qui relient quelque chose. '
                    'On a longtemps construit des morceaux de piste qui s’arrêtaient au milieu d’un rond-point.')),
    para(run('TA : ', bold=True),
         run('Nous avons compté les cyclistes avant de tracer quoi que ce soit. '),
         '<w:del w:id="1" w:author="Service communication" w:date="2025-03-02T10:00:00Z"><w:r><w:delText>Beaucoup. </w:delText></w:r></w:del>',
         '<w:ins w:id="2" w:author="Service communication" w:date="2025-03-02T10:00:00Z">' + run('Ils étaient déjà là, sur les routes les plus dangereuses.') + '</w:ins>'),
    para(split_runs('Les commerçants du centre-ville sont inquiets', bold=True)),
    para(run('MBC : ', bold=True),
         split_runs('Ils l’étaient aussi pour la zone piétonne en 2009. Aujourd’hui, aucun ne voudrait revenir en arrière.')),
    para(run('« Aujourd’hui, aucun ne voudrait revenir en arrière. »'), style='Citation'),
    para(split_runs('Et l’hiver, quand il pleut ?', bold=True)),
    para(run('TA : ', bold=True), run('On roule quand même.'), '<w:r><w:br/></w:r>',
         run('Il pleut moins souvent qu’on ne le croit : nous avons vérifié, cent vingt jours par an.')),
    para(run('Propos recueillis par le service communication du Grand Rodez.', italic=True)),
])
write('fr-docx-questions-en-gras.docx', body,
      [('Titre', 'Title'), ('Citation', 'Quote'), ('Titre1', 'heading 1')],
      'Plan vélo — entretien')

# An English agency document: the interview laid out as a two-column table.
def row(label, text):
    cell = lambda inner: f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{inner}</w:tc>'
    return f'<w:tr>{cell(para(run(label, bold=True)))}{cell(para(split_runs(text)))}</w:tr>'

table = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
         + row('Q', 'What does a harbour master actually do all day?')
         + row('Aoife Brennan', 'Mostly I say no. No, you cannot moor there; no, not in this wind; no, the crane is booked. A good harbour master says no kindly and early.')
         + row('Q', 'What has changed since you started?')
         + row('AB', 'The boats got bigger and the crews got smaller. A trawler that needed nine men in 1995 sails with four today, and they are exhausted.')
         + '</w:tbl>')
body = ''.join([
    para(run('Harbour voices'), style='Heading1'),
    para(split_runs('Aoife Brennan has been harbour master of Castletownbere since 2011. We met her on the pier.')),
    table,
    para(run('Photo: Port of Castletownbere')),
])
write('en-docx-table.docx', body, [('Heading1', 'heading 1')], 'Harbour voices')
