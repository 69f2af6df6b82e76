"""The handbook's own words (headings, labels, notices, links) in the language of the text they
stand beside: English as the templates and code write them, and Welsh.

An output says its own words through ``say`` (in templates, ``_``): the English, or its Welsh
while the build makes the pages and files of a text in Welsh (``speaking``). English words with
``{name}`` in them are filled in after they are put in the language, since the two languages
place the name differently. A word the build says in Welsh that has no Welsh here is said in
English and remembered in ``UNSAID``, which the tests read: a Welsh page says nothing in English
that is clausebook's own.

The Welsh follows the Welsh model code of conduct's and the Welsh public sector's usage
("protocol", "diwygiad arfaethedig", "newidiadau wedi'u tracio").
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Mapping

from markupsafe import Markup

ENGLISH = "en"
_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("clausebook_words", default=ENGLISH)
UNSAID: set[str] = set()  # English said in another language that has no words here for it

WELSH: dict[str, str] = {
    # statuses, kinds of file, languages
    "Adopted": "Wedi'i fabwysiadu",
    "Proposed revision": "Diwygiad arfaethedig",
    "Draft": "Drafft",
    "PDF": "PDF",
    "PDF with the tracked changes": "PDF gyda'r newidiadau wedi'u tracio",
    "Word document": "Dogfen Word",
    "Word document with tracked changes": "Dogfen Word gyda'r newidiadau wedi'u tracio",
    "English": "Saesneg",
    "Welsh": "Cymraeg",
    "Irish": "Gwyddeleg",
    "Scottish Gaelic": "Gaeleg yr Alban",
    "Cornish": "Cernyweg",
    "Manx": "Manaweg",
    "Scots": "Sgoteg",
    # a protocol's facts
    "Council": "Cyngor",
    "Constitution": "Cyfansoddiad",
    "Language": "Iaith",
    "Status": "Statws",
    " (incomplete: some of the text is missing)": " (anghyflawn: mae rhan o'r testun ar goll)",
    "Based on": "Yn seiliedig ar",
    ", version {version}": ", fersiwn {version}",
    ", by {author}": ", gan {author}",
    "Version": "Fersiwn",
    "Adopted by": "Mabwysiadwyd gan",
    "adopted on": "Dyddiad mabwysiadu",  # (a date's label: "Adopted" is also a status)
    "In effect from": "Mewn grym o",
    "Revision dated": "Dyddiad y diwygiad",
    "Source": "Ffynhonnell",
    "Contact": "Cyswllt",
    "Licence": "Trwydded",
    "Online": "Ar-lein",
    "{council} has not stated a licence for this text.": "Nid yw {council} wedi nodi trwydded ar gyfer y testun hwn.",
    "This is a {status}, not the protocol in force.": "{Status} yw hwn, nid y protocol sydd mewn grym.",
    "This page shows a {status} of the {council} protocol, as amended. It is not the protocol in force.":
        "Mae'r dudalen hon yn dangos {status} protocol {council}, fel y'i diwygiwyd. Nid hwn yw'r protocol "
        "sydd mewn grym.",
    "About this edition": "Am yr argraffiad hwn",
    "About this text": "Am y testun hwn",
    # the overview
    "Overview": "Trosolwg",
    "The whole protocol on one page, to print": "Y protocol cyfan ar un dudalen, i'w argraffu",
    "Contents": "Cynnwys",
    "The printed protocol has a contents list of its own ({where}): this list replaces it.":
        "Mae gan y protocol printiedig ei restr cynnwys ei hun ({where}): mae'r rhestr hon yn cymryd ei lle.",
    "Who this protocol is about": "Pwy y mae'r protocol hwn yn sôn amdanynt",
    "Each role's page lists what this protocol says it must, should and may do.":
        "Mae tudalen pob rôl yn rhestru'r hyn y mae'r protocol hwn yn dweud bod rhaid iddi ei wneud, y dylai "
        "ei wneud ac y caiff ei wneud.",
    "Documents it refers to": "Dogfennau y mae'n cyfeirio atynt",
    # a section page
    "Link to {name}": "Dolen i {name}",
    "Show changes": "Dangos y newidiadau",
    "Hide changes": "Cuddio'r newidiadau",
    "Link to this page with the changes shown": "Dolen i'r dudalen hon gyda'r newidiadau i'w gweld",
    "Every change in the revision": "Pob newid yn y diwygiad",
    "Published as a separate page:": "Cyhoeddwyd fel tudalen ar wahân:",
    "Page last updated {date}": "Diweddarwyd y dudalen ddiwethaf ar {date}",
    "Referred to in": "Cyfeirir ato yn",
    " and ": " a ",
    "How {name} changed between versions": "Sut y newidiodd {name} rhwng fersiynau",
    # notes and changes within the text
    "Note": "Nodyn",
    "Editorial note": "Nodyn golygyddol",
    " on the number": " ar y rhif",
    " on a link": " ar ddolen",
    "Note {number}": "Nodyn {number}",
    " on this edition": " ar yr argraffiad hwn",
    "On {about}": "Ar {about}",
    "The editor's notes on how this edition renders the printed source, where it had to be read one way or "
    "another: numbers and headings as printed, paragraphs joined across a page break, words kept as printed. "
    "Each is marked in the text where it applies.":
        "Nodiadau'r golygydd ar sut y mae'r argraffiad hwn yn cyflwyno'r ffynhonnell brintiedig, lle bu'n rhaid "
        "ei darllen mewn un ffordd neu'r llall: rhifau a phenawdau fel y'u hargraffwyd, paragraffau wedi'u "
        "huno dros doriad tudalen, geiriau wedi'u cadw fel y'u hargraffwyd. Mae pob un wedi'i nodi yn y "
        "testun lle y mae'n berthnasol.",
    "Text missing:": "Testun ar goll:",
    "The revision deletes this section.": "Mae'r diwygiad yn dileu'r adran hon.",
    "The revision changes this heading:": "Mae'r diwygiad yn newid y pennawd hwn:",
    "Before the revision this was section {number}.": "Cyn y diwygiad, adran {number} oedd hon.",
    "The revision deletes this paragraph.": "Mae'r diwygiad yn dileu'r paragraff hwn.",
    "The revision moves this paragraph here": "Mae'r diwygiad yn symud y paragraff hwn yma",
    " (it was {number})": " ({number} oedd e)",
    "Old and new numbers": "Hen rifau a rhifau newydd",
    "Before": "Cyn",
    "After": "Ar ôl",
    "Section or paragraph": "Adran neu baragraff",
    "Change": "Newid",
    "none (new)": "dim (newydd)",
    "none (deleted)": "dim (wedi'i ddileu)",
    "Inserted": "Mewnosodwyd",
    "Deleted": "Dilëwyd",
    "Moved": "Symudwyd",
    "Amended": "Diwygiwyd",
    "Renumbered": "Ailrifwyd",
    "Optional provision": "Darpariaeth ddewisol",
    # the print page
    "Print version": "Fersiwn i'w argraffu",
    "This is not the protocol in force.": "Nid hwn yw'r protocol sydd mewn grym.",
    "Inserted words are": "Mae'r geiriau a fewnosodwyd wedi'u",
    "underlined": "tanlinellu",
    "and deleted words": "a'r geiriau a ddilëwyd wedi'u",
    "struck through": "croesi allan",
    "; links have a": "; mae gan ddolenni",
    "dotted underline": "danlinell ddotiog",
    "; old and new numbers are listed at the end.": "; rhestrir yr hen rifau a'r rhifau newydd ar y diwedd.",
    "Download:": "Lawrlwytho:",
    "Notes on this edition": "Nodiadau ar yr argraffiad hwn",
    "The editor's notes on how this edition renders the printed source, each marked in the text where it "
    "applies.":
        "Nodiadau'r golygydd ar sut y mae'r argraffiad hwn yn cyflwyno'r ffynhonnell brintiedig, pob un wedi'i "
        "nodi yn y testun lle y mae'n berthnasol.",
    "Each section and paragraph whose number the revision changes, in document order. A number that is not "
    "listed stays the same.":
        "Pob adran a pharagraff y mae'r diwygiad yn newid ei rif, yn nhrefn y ddogfen. Mae rhif nad yw wedi'i "
        "restru yn aros yr un fath.",
    "Page {number} of {total}": "Tudalen {number} o {total}",
    "{header} ({status}, as amended)": "{header} ({status}, fel y'i diwygiwyd)",
    "{name} (tracked changes)": "{name} (newidiadau wedi'u tracio)",
    "{header} ({status}, with tracked changes)": "{header} ({status}, gyda newidiadau wedi'u tracio)",
    # the changes page
    "Tracked changes": "Newidiadau wedi'u tracio",
    "This page shows the changes a {status} of the {council} protocol would make. It is not the protocol in force.":
        "Mae'r dudalen hon yn dangos y newidiadau y byddai {status} protocol {council} yn eu gwneud. Nid hwn "
        "yw'r protocol sydd mewn grym.",
    "What the {status} of": "Beth y mae {status}",
    "changes, in document order.": "yn ei newid, yn nhrefn y ddogfen.",
    "Inserted words are shown": "Dangosir y geiriau a fewnosodwyd wedi'u",
    "are listed at the end.": "wedi'u rhestru ar y diwedd.",
    "The {status} marks no changes.": "Nid yw'r {status} yn nodi unrhyw newidiadau.",
    "Inserted:": "Mewnosodwyd:",
    "Deleted:": "Dilëwyd:",
    "Heading amended:": "Diwygiwyd y pennawd:",
    "Moved:": "Symudwyd:",
    "Renumbered:": "Ailrifwyd:",
    "the revision inserts this section": "mae'r diwygiad yn mewnosod yr adran hon",
    "the revision deletes this section": "mae'r diwygiad yn dileu'r adran hon",
    ", headed": ", o dan y pennawd",
    "before the revision this section came {where}.": "cyn y diwygiad, roedd yr adran hon {where}.",
    "before the revision this was section {number}.": "cyn y diwygiad, adran {number} oedd hon.",
    "before the revision it came {where}": "cyn y diwygiad, roedd {where}",
    "See where {which} stood": "Gweld ble'r oedd {which}",
    "Read {which} as amended": "Darllen {which} fel y'i diwygiwyd",
    "section {number}": "adran {number}",
    "paragraph {number}": "paragraff {number}",
    "{citation}, item {labels}": "{citation}, eitem {labels}",
    "{section} paragraph {number}": "{section} paragraff {number}",
    "{section}, paragraph {number}": "{section}, paragraff {number}",
    "Section {number}": "Adran {number}",
    "this section": "yr adran hon",
    "Each section and paragraph whose number the revision changes, in document order. A number that is not "
    "listed stays the same. An old number is not the paragraph that has that number now: follow the row.":
        "Pob adran a pharagraff y mae'r diwygiad yn newid ei rif, yn nhrefn y ddogfen. Mae rhif nad yw wedi'i "
        "restru yn aros yr un fath. Nid hen rif yw'r paragraff sydd â'r rhif hwnnw nawr: dilynwch y rhes.",
    # the glossary
    "{council}: glossary": "{council}: geirfa",
    "Glossary": "Geirfa",
    "Terms defined in “{title}”, in alphabetical order. Each links to the paragraph that defines it.":
        "Termau a ddiffinnir yn “{title}”, yn nhrefn yr wyddor. Mae pob un yn cysylltu â'r paragraff sy'n "
        "ei ddiffinio.",
    "This glossary shows the definitions of a {status}, as amended. It is not the protocol in force.":
        "Mae'r eirfa hon yn dangos diffiniadau {status}, fel y'i diwygiwyd. Nid hwn yw'r protocol sydd mewn grym.",
    "also:": "hefyd:",
    "Defined in {place}": "Diffinnir yn {place}",
    # role pages
    "Roles": "Rolau",
    "Each role's page gathers what the protocols say that role must, should and may do, with a link to the clause "
    "that says it. Councils name the same office in their own words: a role's page shows each protocol's "
    "obligations under that protocol's own name for the role.":
        "Mae tudalen pob rôl yn casglu'r hyn y mae'r protocolau yn ei ddweud y mae'n rhaid i'r rôl honno ei wneud, "
        "y dylai ei wneud ac y caiff ei wneud, gyda dolen i'r cymal sy'n ei ddweud. Mae cynghorau yn enwi'r un "
        "swydd yn eu geiriau eu hunain: mae tudalen rôl yn dangos rhwymedigaethau pob protocol o dan enw'r "
        "protocol hwnnw ar gyfer y rôl.",
    "Roles, what each protocol calls them, and how many obligations each protocol gives them":
        "Rolau, beth y mae pob protocol yn eu galw, a faint o rwymedigaethau y mae pob protocol yn eu rhoi iddynt",
    "Role": "Rôl",
    "What each protocol calls it, and its obligations there": "Beth y mae pob protocol yn ei galw, a'i "
                                                              "rhwymedigaethau yno",
    "What each protocol calls it": "Beth y mae pob protocol yn ei galw",
    "1 obligation": "1 rhwymedigaeth",
    "{count} obligations": "{count} rhwymedigaeth",  # (a Welsh noun after a number is singular)
    "The {name} protocol is a proposed revision, not the protocol in force. These are its obligations as amended "
    "by the proposed revision.":
        "Diwygiad arfaethedig yw protocol {name}, nid y protocol sydd mewn grym. Dyma ei rwymedigaethau fel y'u "
        "diwygiwyd gan y diwygiad arfaethedig.",
    "The {name} protocol is a {status}, not the protocol in force.":
        "Nid protocol {name} yw'r protocol sydd mewn grym: {status} ydyw.",
    "{name}, {label}: the lists": "{name}, {label}: y rhestrau",
    "none": "dim",
    ", under the section that states each.": ", o dan yr adran sy'n datgan pob un.",
    "Who:": "Pwy:",
    "Condition:": "Amod:",
    "The text does not say who acts: this is the editor's reading.":
        "Nid yw'r testun yn dweud pwy sy'n gweithredu: dyma ddehongliad y golygydd.",
    "Words with a dotted underline are not printed in the {name} protocol: they name who acts, or give the verb "
    "its heading implies, so that each obligation reads alone.":
        "Nid yw'r geiriau â thanlinell ddotiog wedi'u hargraffu ym mhrotocol {name}: maent yn enwi pwy sy'n "
        "gweithredu, neu'n rhoi'r ferf y mae ei bennawd yn ei hawgrymu, fel bod pob rhwymedigaeth yn sefyll ar "
        "ei phen ei hun.",
    "The {name} protocol names this role but gives it no obligations of its own.":
        "Mae protocol {name} yn enwi'r rôl hon ond nid yw'n rhoi unrhyw rwymedigaethau iddi.",
    "The {name} protocol calls this role {labels}.": "Mae protocol {name} yn galw'r rôl hon yn {labels}.",
    "These are the {obligations} it gives the role, each with a link to the clause that says it.":
        "Dyma'r {obligations} y mae'n eu rhoi i'r rôl, pob un â dolen i'r cymal sy'n ei dweud.",
    "This page is one council's part of the page on the role": "Mae'r dudalen hon yn rhan un cyngor o'r dudalen "
                                                               "am y rôl",
    "Councils": "Cynghorau",
    "The same role in each council's protocol": "Yr un rôl ym mhrotocol pob cyngor",
    "all councils on one page": "pob cyngor ar un dudalen",
    "What each protocol says this role must, should and may do, under its own name for the role, each obligation "
    "with a link to the clause that says it.":
        "Beth y mae pob protocol yn ei ddweud y mae'n rhaid i'r rôl hon ei wneud, y dylai ei wneud ac y caiff ei "
        "wneud, o dan ei enw ei hun ar gyfer y rôl, pob rhwymedigaeth â dolen i'r cymal sy'n ei dweud.",
    "What the protocol says this role must, should and may do":
        "Beth y mae'r protocol yn ei ddweud y mae'n rhaid i'r rôl hon ei wneud, y dylai ei wneud ac y caiff ei wneud",
    "{obligations}, each with a link to the clause that says it":
        "{obligations}, pob un â dolen i'r cymal sy'n ei dweud",
    "No other protocol marks a role of its own as the same office.":
        "Nid oes unrhyw brotocol arall yn nodi rôl o'i eiddo fel yr un swydd.",
    "Show one council only": "Dangos un cyngor yn unig",
    "There are too many obligations to show every council's on one page: follow a council's link for its rows.":
        "Mae gormod o rwymedigaethau i ddangos rhai pob cyngor ar un dudalen: dilynwch ddolen cyngor i weld ei "
        "resi.",
    "Do": "Gwnewch",
    "Don't": "Peidiwch",
    "May": "Cewch",
    "must": "rhaid",
    "should": "dylai",
    "may": "caiff",
    "has the right to": "mae ganddo hawl i",
    "need not": "nid oes rhaid",
    "must not": "rhaid peidio",
    "should not": "ni ddylai",
    "may not": "ni chaiff",
    "or": "neu",
    "and": "a",
    # the Word documents
    "Refers to:": "Yn cyfeirio at:",
    " — not in force": " — nid yw mewn grym",
    "Page ": "Tudalen ",
    " of ": " o ",
    # the footer
    "Contact:": "Cyswllt:",
    "Licence:": "Trwydded:",
    "Date of the text:": "Dyddiad y testun:",
    "not stated by the council": "nid yw'r cyngor wedi'i nodi",
    "version": "fersiwn",
    "the protocols of": "protocolau",
    "each as its council wrote it": "pob un fel yr ysgrifennodd ei gyngor ef",
    "Each protocol's pages give its council's contact, the licence of its text and its date.":
        "Mae tudalennau pob protocol yn rhoi manylion cyswllt ei gyngor, trwydded ei destun a'i ddyddiad.",
    "{count} councils": "{count} cyngor",
    "revision dated": "dyddiad y diwygiad",
    "adopted": "mabwysiadwyd",
    "in effect from": "mewn grym o",
    # the home page of the texts in Welsh
    "The protocols in this language": "Y protocolau yn Gymraeg",
    "A member/officer protocol is the part of a council's constitution that says how its councillors and its "
    "officers (the council's staff) work together: what each can expect of the other, and what each must and "
    "must not do. Councillors and officers follow it; anyone can read it to see how their council should work.":
        "Protocol aelodau/swyddogion yw'r rhan o gyfansoddiad cyngor sy'n dweud sut y mae ei gynghorwyr a'i "
        "swyddogion (staff y cyngor) yn cydweithio: beth y gall pob un ei ddisgwyl gan y llall, a beth y mae'n "
        "rhaid i bob un ei wneud a pheidio â'i wneud. Mae cynghorwyr a swyddogion yn ei ddilyn; gall unrhyw un ei "
        "ddarllen i weld sut y dylai eu cyngor weithio.",
    "Finding a paragraph": "Dod o hyd i baragraff",
    "Search for a word in the search box at the top of every page: the pages in this language are searched on "
    "their own.": "Chwiliwch am air yn y blwch chwilio ar frig pob tudalen: chwilir y tudalennau Cymraeg ar eu "
                  "pennau eu hunain.",
    "Each protocol's overview lists its sections; each paragraph keeps the number its council gave it.":
        "Mae trosolwg pob protocol yn rhestru ei adrannau; mae pob paragraff yn cadw'r rhif a roddodd ei gyngor "
        "iddo.",
    "The link at the top of each page leads to the same page in the other language.":
        "Mae'r ddolen ar frig pob tudalen yn arwain at yr un dudalen yn yr iaith arall.",
    "What each role must, should and may do": "Beth y mae'n rhaid i bob rôl ei wneud, y dylai ei wneud ac y caiff "
                                               "ei wneud",
    # versions
    "Versions": "Fersiynau",
    "{council}: versions": "{council}: fersiynau",
    "{title}: versions": "{title}: fersiynau",
    "Every version of the protocol the council has adopted is kept here, at addresses that do not change, with "
    "the dates it was in force. A version whose adoption date the council has not stated is named without one.":
        "Cedwir yma bob fersiwn o'r protocol y mae'r cyngor wedi'i mabwysiadu, mewn cyfeiriadau nad ydynt yn "
        "newid, gyda'r dyddiadau pan oedd mewn grym. Enwir fersiwn heb ddyddiad mabwysiadu os nad yw'r cyngor "
        "wedi'i nodi.",
    "The version in force on": "Y fersiwn a oedd mewn grym ar",
    "Open it": "Ei agor",
    "superseded; it was in force {when}": "wedi'i disodli; roedd mewn grym {when}",
    "in force {when}": "mewn grym {when}",
    "{status}, not in force": "{status}, nid mewn grym",
    "(the text the protocol's pages show)": "(y testun a ddangosir ar dudalennau'r protocol)",
    "No changes from the version before": "Dim newidiadau o'r fersiwn flaenorol",
    "1 change from the version before": "1 newid o'r fersiwn flaenorol",
    "{count} changes from the version before": "{count} newid o'r fersiwn flaenorol",
    "changes from it to the version in force": "newidiadau ohoni i'r fersiwn sydd mewn grym",
    "Changes from it to the version in force": "Newidiadau ohoni i'r fersiwn sydd mewn grym",
    "In force": "Mewn grym",
    "Superseded": "Wedi'i disodli",
    "Adopted {date}": "Mabwysiadwyd {date}",
    "{label} (date not stated)": "{label} (dyddiad heb ei nodi)",
    "a date not stated": "dyddiad heb ei nodi",
    "from {start} to {end}": "o {start} i {end}",
    "from {start}": "o {start}",
    "The text in force": "Y testun sydd mewn grym",
    "This is {title} as it stands in force: {named}": "Dyma {title} fel y mae mewn grym: {named}",
    "The protocol's own pages show a revision proposed to it.":
        "Mae tudalennau'r protocol ei hun yn dangos diwygiad a gynigir iddo.",
    "The same page of the proposed revision": "Yr un dudalen yn y diwygiad arfaethedig",
    "This is an earlier version of {title}, {named}": "Dyma fersiwn gynharach o {title}, {named}",
    "in force {when}. It is not the text in force.": "mewn grym {when}. Nid hwn yw'r testun sydd mewn grym.",
    "The same page of the text in force": "Yr un dudalen yn y testun sydd mewn grym",
    "Every version": "Pob fersiwn",
    "every version": "pob fersiwn",
    "History of each paragraph": "Hanes pob paragraff",
    "{council}: history of each paragraph": "{council}: hanes pob paragraff",
    "{title}: history of each paragraph": "{title}: hanes pob paragraff",
    "Each paragraph whose words, number or place changed from one version of the protocol to the next, with the "
    "versions that changed it, oldest first. A paragraph not listed has had the same words, number and place in "
    "every version.":
        "Pob paragraff y newidiodd ei eiriau, ei rif neu ei le o un fersiwn o'r protocol i'r nesaf, gyda'r "
        "fersiynau a'i newidiodd, yr hynaf yn gyntaf. Mae gan baragraff nad yw wedi'i restru yr un geiriau, rhif "
        "a lle ym mhob fersiwn.",
    "See also": "Gweler hefyd",
    "Where it stood": "Ble'r oedd",
    "Read it in this version": "Ei ddarllen yn y fersiwn hon",
    "the change": "y newid",
    "No paragraph has changed from one version to the next.": "Nid oes unrhyw baragraff wedi newid o un fersiwn "
                                                             "i'r nesaf.",
    "Unnumbered paragraph": "Paragraff heb rif",
    "Changes from {older} to {newer}": "Newidiadau: {older} → {newer}",
    "What changed in": "Beth a newidiodd yn",
    "from": "o",
    "to": "i",
    ", in document order: {count}.": ", yn nhrefn y ddogfen: {count}.",
    "the history of each paragraph": "hanes pob paragraff",
    "these changes as a PDF": "y newidiadau hyn fel PDF",
    "The two versions have the same words.": "Mae gan y ddwy fersiwn yr un geiriau.",
    "the later version inserts this section": "mae'r fersiwn ddiweddarach yn mewnosod yr adran hon",
    "the later version deletes this section": "mae'r fersiwn ddiweddarach yn dileu'r adran hon",
    "in the earlier version this section came {where}.": "yn y fersiwn gynharach, roedd yr adran hon {where}.",
    "in the earlier version this was section {number}.": "yn y fersiwn gynharach, adran {number} oedd hon.",
    "in the earlier version it came {where}": "yn y fersiwn gynharach, roedd {where}",
    "Read {which} in the later version": "Darllen {which} yn y fersiwn ddiweddarach",
    "Each section and paragraph whose number the later version changes, in document order. A number that is not "
    "listed stays the same. An old number is not the paragraph that has that number now: follow the row.":
        "Pob adran a pharagraff y mae'r fersiwn ddiweddarach yn newid ei rif, yn nhrefn y ddogfen. Mae rhif nad "
        "yw wedi'i restru yn aros yr un fath. Nid hen rif yw'r paragraff sydd â'r rhif hwnnw nawr: dilynwch y rhes.",
    "changes from {older} to {newer}": "newidiadau: {older} → {newer}",
    "{header} (changes between versions)": "{header} (newidiadau rhwng fersiynau)",
    "1 change": "1 newid",
    "{count} changes": "{count} newid",
    "no changes": "dim newidiadau",
    # the texts in each language
    "The texts in each language": "Y testunau ym mhob iaith",
    "{council} publishes this protocol in {count} languages, with the same clauses, numbers, obligations and "
    "changes in each. The build checks that they say the same and refuses two texts that differ; each count "
    "below is taken from each text on its own.":
        "Mae {council} yn cyhoeddi'r protocol hwn mewn {count} iaith, gyda'r un cymalau, rhifau, rhwymedigaethau a "
        "newidiadau ym mhob un. Mae'r broses adeiladu yn gwirio eu bod yn dweud yr un peth ac yn gwrthod dau "
        "destun sy'n wahanol; mae pob cyfrif isod wedi'i gymryd o bob testun ar ei ben ei hun.",
    "What each text holds": "Beth sydd ym mhob testun",
    "Counted": "Beth a gyfrifwyd",
    "In step": "Yn gyson",
    "Yes": "Ydyn",
    "No": "Nac ydyn",
    "Section by section": "Adran wrth adran",
    "Each section in each language, with its clauses": "Pob adran ym mhob iaith, gyda'i chymalau",
    "Number": "Rhif",
    "Parts": "Rhannau",
    "Sections": "Adrannau",
    "Clauses": "Cymalau",
    "Numbered clauses": "Cymalau wedi'u rhifo",
    "Definitions": "Diffiniadau",
    "Obligations": "Rhwymedigaethau",
    "Obligations: {force}": "Rhwymedigaethau: {force}",
    "Clauses the revision inserts": "Cymalau y mae'r diwygiad yn eu mewnosod",
    "Clauses the revision deletes": "Cymalau y mae'r diwygiad yn eu dileu",
    "Clauses the revision moves": "Cymalau y mae'r diwygiad yn eu symud",
    "Runs of words the revision amends": "Darnau o eiriau y mae'r diwygiad yn eu diwygio",
    "The texts in each language, in step": "Y testunau ym mhob iaith, yn gyson",
    # permalinks and search
    "Go to {name} of {title}": "Mynd i {name} o {title}",
    "formerly": "gynt",
}
TRANSLATIONS: dict[str, Mapping[str, str]] = {"cy": WELSH}


def say(english: str, key: str | None = None, **values: object) -> str:
    """``english`` in the language being spoken (``spoken``), with ``values`` filled in; ``key``
    tells apart the same English said of two things ("Adopted": a status, or a date's label)."""
    words = _words(english, key)
    return words.format(**values) if values else words


def said(english: str, key: str | None = None, **values: object) -> Markup:
    """``say`` for a template (its ``_``): HTML, the words and each value escaped (a value that is
    clean HTML already, Markup, as it is)."""
    return Markup.escape(_words(english, key)).format(**values)


def _words(english: str, key: str | None) -> str:
    language = _LANGUAGE.get()
    if language == ENGLISH or not english:
        return english
    found = TRANSLATIONS.get(language, {}).get(key or english)
    if found is None:
        UNSAID.add(key or english)
        return english
    return found


def speaking() -> str:
    """The language being spoken: "en", or a text in another language's ("cy")."""
    return _LANGUAGE.get()


@contextlib.contextmanager
def spoken(language: str | None) -> Iterator[None]:
    """Within: ``say`` speaks ``language`` (a BCP 47 tag; None or English: English)."""
    token = _LANGUAGE.set((language or ENGLISH).split("-")[0].lower())
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


class Said(Mapping[str, str]):
    """A table of English words (a status's label, a kind of file's), each looked up said in the
    language being spoken."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table = table

    def __getitem__(self, key: str) -> str:
        return say(self.table[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)
