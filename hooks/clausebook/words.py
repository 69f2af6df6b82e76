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

Long because the table is every word the handbook says, page by page; the code follows it.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterator, Mapping

from markupsafe import Markup

ENGLISH = "en"
WELSH_VOWELS = frozenset("aeiouwyâêîôûŵŷ")
# (longest first: "ll" and "rh" before "l" and "r", which do not change; "ch", "ph", "th" do not change)
SOFT_MUTATIONS = (("ch", "ch"), ("ph", "ph"), ("th", "th"), ("ll", "l"), ("rh", "r"), ("c", "g"), ("p", "b"),
                  ("t", "d"), ("g", ""), ("b", "f"), ("d", "dd"), ("m", "f"))
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
    # an unnumbered paragraph's place, in a citation: "10.4 (second paragraph)" (paragraff is masculine)
    "{holder} ({place})": "{holder} ({place})",
    "first paragraph": "y paragraff cyntaf",
    "second paragraph": "yr ail baragraff",
    "third paragraph": "y trydydd paragraff",
    "fourth paragraph": "y pedwerydd paragraff",
    "fifth paragraph": "y pumed paragraff",
    "sixth paragraph": "y chweched paragraff",
    "seventh paragraph": "y seithfed paragraff",
    "eighth paragraph": "yr wythfed paragraff",
    "ninth paragraph": "y nawfed paragraff",
    "tenth paragraph": "y degfed paragraff",
    "{ordinal} paragraph": "paragraff rhif {number} yn y drefn",
    # the navigation, and each heading's link
    "Home": "Hafan",
    "Link to this paragraph": "Dolen i'r paragraff hwn",
    # the comparison of two councils (a council's name follows no word that would mutate it: "o eiddo
    # {name}", "{name} yn unig", names set apart by a dash or a colon)
    "Compare councils": "Cymharu cynghorau",
    "Compared with another council's protocol:": "Wedi'i gymharu â phrotocol cyngor arall:",
    "What two councils ask of this role, side by side:": "Yr hyn y mae dau gyngor yn ei ofyn gan y rôl hon, ochr "
                                                         "yn ochr:",
    "How two councils' protocols differ, role by role and clause by clause:":
        "Sut mae protocolau dau gyngor yn wahanol, fesul rôl a fesul cymal:",
    "{first} and {second}": "{first} – {second}",
    "{first} and {second} compared": "Cymhariaeth: {first} – {second}",
    "{council}’s {title}": "{council}: {title}",
    "{first} and {second}, side by side: the clauses both have, those only one of them has, and, role by role, what "
    "one asks of a role that the other does not. Neither is read as a version of the other. The same comparison is "
    "published as data: {data}.":
        "Dau brotocol ochr yn ochr — {first}; {second}: y cymalau sydd gan y ddau, y rhai sydd gan un ohonynt yn "
        "unig, ac, fesul rôl, yr hyn y mae un yn ei ofyn gan rôl nad yw'r llall yn ei ofyn. Nid yw'r naill yn cael "
        "ei ddarllen fel fersiwn o'r llall. Cyhoeddir yr un gymhariaeth fel data: {data}.",
    "The {name} protocol is a {status}, not the protocol in force. It is compared as amended.":
        "Nid protocol {name} yw'r protocol sydd mewn grym: {status} ydyw. Caiff ei gymharu fel y'i diwygiwyd.",
    "1 clause": "1 cymal",
    "{count} clauses": "{count} cymal",
    "1 role": "1 rôl",
    "{count} roles": "{count} rôl",
    "{clauses} of each.": "{clauses} o bob un.",
    "{clauses}, {count} of them with a nearest clause of {other}, not a match.":
        "{clauses}, {count} ohonynt gyda chymal agosaf o eiddo {other}, nid cyfatebiaeth.",
    "for {roles}, the obligations both protocols state, and those only one states.":
        "ar gyfer {roles}, y rhwymedigaethau y mae'r ddau brotocol yn eu datgan, a'r rhai y mae un yn unig yn eu "
        "datgan.",
    "In both, near-identical": "Yn y ddau, bron yn union yr un fath",
    "in both, near-identical": "yn y ddau, bron yn union yr un fath",
    "Similar": "Tebyg",
    "similar": "debyg",  # (after "yn")
    "Only in {name}": "{name} yn unig",
    "only in {name}": "{name} yn unig",
    "only": "yn unig",
    "nearest, not a match": "yr agosaf, nid cyfatebiaeth",
    "How clauses are matched": "Sut y caiff cymalau eu paru",
    "The clauses are matched on the two protocols’ texts in {language}. The texts on this page say the same "
    "clauses, numbers and obligations as those (the handbook checks that they do), so the matches, similarities "
    "and roles are the same in both languages. The word differences shown are those of the texts on this page.":
        "Caiff y cymalau eu paru ar destunau'r ddau brotocol yn {language}. Mae'r testunau ar y dudalen hon yn "
        "dweud yr un cymalau, rhifau a rhwymedigaethau â'r rheini (mae'r llawlyfr yn gwirio hynny), felly mae'r "
        "parau, y tebygrwydd a'r rolau yr un fath yn y ddwy iaith. Mae'r gwahaniaethau rhwng y geiriau a ddangosir "
        "yn perthyn i'r testunau ar y dudalen hon.",
    "Clauses are matched by what they say, never by their numbers or ids. A computer does the matching, with a "
    "simple method that you can check on this page:":
        "Caiff cymalau eu paru yn ôl yr hyn y maent yn ei ddweud, byth yn ôl eu rhifau na'u dynodwyr. Cyfrifiadur "
        "sy'n gwneud y paru, gyda dull syml y gallwch ei wirio ar y dudalen hon:",
    "Each clause’s heading and text are cut into words. Common words such as “the”, “and”, “must” and “should” are "
    "left out, and so are numbers. Endings are trimmed, so “bullying” and “bully” count as one word. Each "
    "council’s own name for a role counts as the role":
        "Caiff pennawd a thestun pob cymal eu torri'n eiriau. Gadewir allan eiriau cyffredin fel “the”, “and”, "
        "“must” a “should”, a rhifau hefyd. Caiff terfyniadau eu tocio, fel bod “bullying” a “bully” yn cyfrif fel "
        "un gair. Mae enw pob cyngor ei hun ar rôl yn cyfrif fel y rôl",
    "{first}’s “{one}” and {second}’s “{other}” are the same word":
        "mae “{one}” ({first}) a “{other}” ({second}) yn un gair",
    "A word that few clauses use counts for more than a word that many use. A word counts once in a clause, however "
    "often the clause repeats it.":
        "Mae gair y mae ychydig o gymalau yn ei ddefnyddio yn cyfrif am fwy na gair y mae llawer yn ei ddefnyddio. "
        "Mae gair yn cyfrif unwaith mewn cymal, pa mor aml bynnag y mae'r cymal yn ei ailadrodd.",
    "similarity": "tebygrwydd",
    "The {similarity} of two clauses is how far they use the same words, as much as each other: 100% for the same "
    "words, 0% for no word in common.":
        "Mae {similarity} dau gymal yn dweud i ba raddau y maent yn defnyddio'r un geiriau, cymaint â'i gilydd: "
        "100% am yr un geiriau, 0% am ddim gair yn gyffredin.",
    "Clauses are paired one to one: first the most similar pair of all, then the most similar of the clauses left, "
    "and so on. A pair needs a similarity of at least {threshold} to be called a match; nothing less similar is.":
        "Caiff cymalau eu paru un am un: yn gyntaf y pâr mwyaf tebyg oll, yna'r mwyaf tebyg o'r cymalau sydd ar "
        "ôl, ac yn y blaen. Mae angen tebygrwydd o {threshold} o leiaf ar bâr i'w alw'n gyfatebiaeth; nid yw dim "
        "sy'n llai tebyg yn un.",
    "A match is {both} when at least {kept} of its words are the same, in the same order, and {similar} otherwise. "
    "Each match can show its word differences: the two texts side by side, with the words only one of them has "
    "highlighted.":
        "Mae cyfatebiaeth {both} pan fo o leiaf {kept} o'i geiriau yr un fath, yn yr un drefn, ac yn {similar} fel "
        "arall. Gall pob cyfatebiaeth ddangos y gwahaniaethau rhwng ei geiriau: y ddau destun ochr yn ochr, gyda'r "
        "geiriau sydd gan un ohonynt yn unig wedi'u hamlygu.",
    "A clause with no match is {only} in its council’s protocol. When the most similar clause on the other side is "
    "at least {nearest} similar, it is shown as the {offered}: a clause to read beside it, not a claim that the two "
    "say the same thing.":
        "Mae cymal heb gyfatebiaeth {only} ym mhrotocol ei gyngor. Pan fo'r cymal mwyaf tebyg ar yr ochr arall o "
        "leiaf {nearest} yn debyg, caiff ei ddangos fel {offered}: cymal i'w ddarllen wrth ei ochr, nid honiad bod "
        "y ddau'n dweud yr un peth.",
    "The method only sees words. Two clauses can say the same thing in different words and not be matched, and two "
    "clauses can share words, such as “complaint” and “Monitoring Officer”, and be matched though they say "
    "different things. Read a match as a pointer, and follow the links to the clauses themselves.":
        "Dim ond geiriau y mae'r dull yn eu gweld. Gall dau gymal ddweud yr un peth mewn geiriau gwahanol heb gael "
        "eu paru, a gall dau gymal rannu geiriau, fel “complaint” a “Monitoring Officer”, a chael eu paru er eu bod "
        "yn dweud pethau gwahanol. Darllenwch gyfatebiaeth fel arwydd, a dilynwch y dolenni i'r cymalau eu hunain.",
    "Clauses of {first} and {second} whose words are near-identical":
        "Cymalau o'r ddau brotocol ({first}; {second}) y mae eu geiriau bron yn union yr un fath",
    "None: no clause of {first} has a near-identical clause in {second}.":
        "Dim: nid oes gan yr un cymal o eiddo {first} gymal bron yn union yr un fath o eiddo {second}.",
    "Clauses of {first} and {second} that share enough words to be matched":
        "Cymalau o'r ddau brotocol ({first}; {second}) sy'n rhannu digon o eiriau i gael eu paru",
    "None: no other clause of {first} is similar enough to a clause of {second} to be matched.":
        "Dim: nid oes yr un cymal arall o eiddo {first} yn ddigon tebyg i gymal o eiddo {second} i gael ei baru.",
    "None: every clause of {first} has a match in {second}.":
        "Dim: mae gan bob cymal o eiddo {first} gyfatebiaeth o eiddo {second}.",
    "Show word differences": "Dangos y gwahaniaethau rhwng y geiriau",
    "How alike": "Pa mor debyg",
    "{percent} similar": "{percent} yn debyg",
    "{percent} the same word for word": "{percent} yr un fath air am air",
    "Clauses only {name} has, each with the nearest clause of {other} where one is near":
        "Y cymalau nad oes ond {name} yn eu cynnwys, pob un gyda'r cymal agosaf o eiddo {other} lle mae un yn agos",
    "Nearest in {other}, not a match": "Yr agosaf o eiddo {other}, nid cyfatebiaeth",
    "None near": "Dim un yn agos",
    "Not compared, because they have no words of their own (a heading over the clauses under it, which are "
    "compared) or the revision deletes them:":
        "Heb eu cymharu, am nad oes ganddynt eiriau eu hunain (pennawd uwchben y cymalau oddi tano, sy'n cael eu "
        "cymharu) neu am fod y diwygiad yn eu dileu:",
    "In {title}": "Yn yr adran “{title}”",
    "For each role either protocol names, under the name the two councils share for it: the obligations of that "
    "role in each protocol, matched by the words of their statements in the same way as clauses, with a similarity "
    "of at least {threshold}. A matched pair may differ in how firmly it binds: one says “must”, the other "
    "“should”. An obligation with no match is one only that protocol states. Follow a role for its obligations.":
        "Ar gyfer pob rôl y mae'r naill brotocol neu'r llall yn ei henwi: rhwymedigaethau'r rôl honno ym mhob "
        "protocol, wedi'u paru yn ôl geiriau eu datganiadau yn yr un ffordd â chymalau, gyda thebygrwydd o "
        "{threshold} o leiaf. Gall pâr cyfatebol fod yn wahanol o ran pa mor gaeth y mae'n rhwymo: mae un yn dweud "
        "“rhaid”, a'r llall “dylai”. Mae rhwymedigaeth heb gyfatebiaeth yn un y mae'r protocol hwnnw yn unig yn ei "
        "datgan. Dilynwch rôl i weld ei rhwymedigaethau.",
    "Each role’s obligations: stated by both, and stated by one only":
        "Rhwymedigaethau pob rôl: wedi'u datgan gan y ddau, ac wedi'u datgan gan un yn unig",
    "Stated by both": "Wedi'u datgan gan y ddau",
    "{name} does not name it": "nid yw {name} yn ei henwi",
    "{count} with a different must, should or may": "{count} gyda rhaid, dylai neu caiff gwahanol",
    # a role in the comparison
    "{role}: {first} and {second} compared": "{role} yn y ddau brotocol: {first} – {second}",
    "Clause": "Cymal",
    "{name} calls this role “{labels}”": "Mae {name} yn galw'r rôl hon yn “{labels}”",
    "{name} does not name this role": "Nid yw {name} yn enwi'r rôl hon",
    "{name} calls it “{labels}”": "mae {name} yn ei galw'n “{labels}”",
    "Both state {obligations} alike": "Mae'r ddau yn datgan {obligations} yn yr un modd",
    ", and {count} more with a different must, should or may": ", a {count} arall gyda rhaid, dylai neu caiff gwahanol",
    "{count} are only in {first}, {other} only in {second}.":
        "mae {count} o eiddo {first} yn unig, a {other} o eiddo {second} yn unig.",
    "1 is only in {first}, {other} only in {second}.":
        "mae 1 o eiddo {first} yn unig, a {other} o eiddo {second} yn unig.",
    "This page is part of {comparison}, which explains how obligations are matched: by the words of their "
    "statements, with a similarity of at least {threshold}.":
        "Mae'r dudalen hon yn rhan o'r dudalen sy'n cymharu'r ddau brotocol ({comparison}), sy'n egluro sut y caiff "
        "rhwymedigaethau eu paru: yn ôl geiriau eu datganiadau, gyda thebygrwydd o {threshold} o leiaf.",
    "Every obligation of the role": "Holl rwymedigaethau'r rôl",
    ", council by council.": ", fesul cyngor.",
    "The {name} protocol is a {status}, not the protocol in force. Its obligations are compared as amended.":
        "Nid protocol {name} yw'r protocol sydd mewn grym: {status} ydyw. Caiff ei rwymedigaethau eu cymharu fel "
        "y'u diwygiwyd.",
    "Stated by both, with a different must, should or may":
        "Wedi'u datgan gan y ddau, gyda rhaid, dylai neu caiff gwahanol",
    "stated by both, with a different must, should or may":
        "wedi'u datgan gan y ddau, gyda rhaid, dylai neu caiff gwahanol",
    "{name} says": "Mae {name} yn dweud",
    "Similarity": "Tebygrwydd",
    "Must, should or may": "Rhaid, dylai neu caiff",
    "What {name} says": "Yr hyn y mae {name} yn ei ddweud",
    "Stated by both, alike": "Wedi'u datgan gan y ddau, yn yr un modd",
    "stated by both, with the same must, should or may": "wedi'u datgan gan y ddau, gyda'r un rhaid, dylai neu caiff",
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


def joined(items: list[str], conjunction: str) -> str:
    """'a', 'a or b', 'a, b or c', the ``conjunction`` ("and", "or") said in the language being
    spoken. Welsh "a" is "ac" before a vowel and "a'r" for "a y", and "a" and "neu" change the
    word after them as Welsh does ("Cyngor Tref Llanfair Teg a Chyngor Cymuned Bryn Glas",
    "rhaid neu ddylai")."""
    if len(items) < 2:
        return "".join(items)
    word, last = say(conjunction), items[-1]
    if speaking() == "cy" and word == "a":
        article = re.match(r"(?i)yr? ", last)
        if article:
            word, last = "a'r", last[article.end():]
        elif last[:1].lower() in WELSH_VOWELS:
            word = "ac"
        elif last[:1].lower() in "cpt" and last[1:2].lower() != "h":
            last = last[0] + "h" + last[1:]
    elif speaking() == "cy" and word == "neu":
        last = _soft(last)
    return f"{', '.join(items[:-1])} {word} {last}"


def _soft(word: str) -> str:
    """A Welsh word as it is after "neu" (its soft mutation): "dylai" → "ddylai", "Cyngor" → "Gyngor"."""
    for plain, mutated in SOFT_MUTATIONS:
        if word.lower().startswith(plain):
            changed = mutated + word[len(plain):]
            return changed[:1].upper() + changed[1:] if word[:1].isupper() else changed
    return word


def every_way(english: str, key: str | None = None) -> tuple[str, ...]:
    """``english`` said in each language the handbook speaks, English first: what a reader of the
    handbook's own Word documents looks for, whichever language wrote them ("Refers to:", "Yn
    cyfeirio at:"). One for each language, in the same order for any words."""
    found = []
    for language in (ENGLISH, *TRANSLATIONS):
        with spoken(language):
            found.append(say(english, key))
    return tuple(found)


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
