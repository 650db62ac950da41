#!/bin/sh
# jp_charset.sh: a message to the Japanese partner means the same text on
# both sides (issue 9; docs/adapters.md, "Japan: CP932 on the wire").
#
#  - a JP message holding '\' and '~' goes out in CP932, declared
#    Windows-31J, with the bytes 0x5C and 0x7E;
#  - signed by ifgw, it verifies with xmlsec1 (libxml2 decodes it through
#    glibc's iconv by the declared name) and with ifgw;
#  - Python's cp932 codec reads the same text as libxml2 (xmllint) and as
#    `ifgw adapter decode`;
#  - relabelled Shift_JIS, the same bytes read 0x5C as a yen sign under
#    glibc, and xmlsec1's verification fails: the label is what makes both
#    sides agree; ifgw refuses such a Shift_JIS document on sign and verify,
#    naming the byte and the label to use (a Shift_JIS one without such bytes
#    is signed as before);
#  - a yen sign U+00A5 (0x5C in CP932 reads back as '\') and a WAVE DASH
#    U+301C (reads back as FULLWIDTH TILDE) are refused, one line, saying so.
#
# Environment (set by `make check`): IFGW, XMLSEC1, PYTHON3, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
XMLSEC1=${XMLSEC1:-$(command -v xmlsec1 || true)}
PYTHON3=${PYTHON3:-$(command -v python3 || true)}
if [ -z "$XMLSEC1" ] || [ -z "$PYTHON3" ]; then
	echo "jp_charset.sh: xmlsec1 and python3 are the test oracles (./bootstrap installs them)" >&2
	exit 1
fi
unset IFGW_NOW
LC_ALL=C # byte-wise matching of the CP932 messages
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-jp.XXXXXX") || exit 1
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

. "$top_srcdir/tests/integration/lib.sh"

check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; show; fi
}
status() { [ "$rc" -eq "$1" ]; }
one_line() { [ "$(wc -l <"$tmp/err")" -eq 1 ]; }
has_err() { grep -Fq -- "$1" "$tmp/err"; }

# The free text, in UTF-8: a path with backslashes, a range with '~', a
# fullwidth tilde and yen sign, 0x5C as a trail byte (ソ 表), NEC row 13 (①).
text='請求書 C:\請求\2024~05 ソフト表示 ①～③ ￥1,000'
# FILE TEXT: a canonical FreeText from FR00456 to JP00500 saying TEXT.
message() {
	cat >"$1" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<FreeText xmlns="urn:ifgw:canonical:1">
  <Header>
    <Id>FR00456-2024-009001</Id>
    <Sender>
      <Code>FR00456</Code>
    </Sender>
    <Receiver>
      <Code>JP00500</Code>
      <Name>東京ファクタリング株式会社</Name>
    </Receiver>
    <Sequence>7</Sequence>
    <Created>2024-10-10T09:30:00Z</Created>
  </Header>
  <Date>2024-10-10</Date>
  <SenderContact>
    <Name>Claire Dubois</Name>
  </SenderContact>
  <RecipientContact>
    <Name>田中 一郎</Name>
  </RecipientContact>
  <Language>ja</Language>
  <Text>$2</Text>
</FreeText>
EOF
}

run certs init --dir "$tmp/pki" --org Interop --partners FR
check "test PKI" status 0
ca=$tmp/pki/ca/ca.crt
key=$tmp/pki/FR/sign.key
crt=$tmp/pki/FR/sign.crt

# --- out in CP932, declared Windows-31J
message "$tmp/msg.xml" "$text"
run adapter encode --country JP --out "$tmp/jp.xml" "$tmp/msg.xml"
check "JP: encoded" status 0
check "JP: declared Windows-31J" grep -q '^<?xml version="1.0" encoding="Windows-31J"?>' "$tmp/jp.xml"
check "JP: '\\' is 0x5C, '~' is 0x7E, '～' is 0x8160" \
	grep -q "C:\\\\$(printf '\220\277\213\201')\\\\2024~05.*$(printf '\201\140')" "$tmp/jp.xml"

# --- signed by ifgw, verified by xmlsec1 and ifgw
run sign --key "$key" --cert "$crt" --out "$tmp/s-jp.xml" "$tmp/jp.xml"
check "ifgw signs the JP message" status 0
check "  it stays Windows-31J" grep -q 'encoding="Windows-31J"' "$tmp/s-jp.xml"
"$XMLSEC1" --verify --trusted-pem "$ca" "$tmp/s-jp.xml" >"$tmp/xout" 2>&1
xrc=$?
check "xmlsec1 verifies it" sh -c "[ $xrc -eq 0 ] && grep -q '^OK' '$tmp/xout'"
run verify --trust "$crt" "$tmp/s-jp.xml"
check "ifgw verifies it" status 0

# --- the same text for Python's codec, libxml2 and ifgw
printf '%s' "$text" >"$tmp/want.txt"
"$PYTHON3" - "$tmp/s-jp.xml" "$tmp/py.txt" <<'EOF'
import re, sys
data = open(sys.argv[1], 'rb').read()
label = re.match(rb'<\?xml version="1.0" encoding="([^"]+)"\?>', data).group(1).decode('ascii')
# Windows-31J is the IANA name of what Python calls cp932 (it has no alias)
codec = 'cp932' if label.lower() == 'windows-31j' else label
text = re.search(r'<MsgText>(.*?)</MsgText>', data.decode(codec, 'strict'), re.S).group(1)
open(sys.argv[2], 'wb').write(text.encode('utf-8'))
EOF
check "Python's cp932 reads the text as written" cmp -s "$tmp/py.txt" "$tmp/want.txt"
xmllint --nonet --xpath 'string(//*[local-name()="MsgText"])' "$tmp/s-jp.xml" >"$tmp/lx.txt" 2>"$tmp/err"
printf '%s\n' "$text" >"$tmp/want-nl.txt" # xmllint ends its output with a newline
check "libxml2 (xmlsec1's parser) reads the same text" cmp -s "$tmp/lx.txt" "$tmp/want-nl.txt"
run adapter decode --country JP "$tmp/jp.xml"
check "ifgw adapter decode reads the same text" grep -Fq "<Text>$text</Text>" "$tmp/out"

# --- the label matters: Shift_JIS under glibc reads 0x5C as a yen sign
# (a text without ①, which glibc's SHIFT_JIS lacks: NEC row 13 is CP932's)
message "$tmp/plain.xml" 'C:\請求\2024~05'
run adapter encode --country JP --out "$tmp/plain-jp.xml" "$tmp/plain.xml"
run sign --key "$key" --cert "$crt" --out "$tmp/s-plain.xml" "$tmp/plain-jp.xml"
check "ifgw signs a second JP message" status 0
sed '1s/encoding="Windows-31J"/encoding="Shift_JIS"/' "$tmp/s-plain.xml" >"$tmp/sjis.xml"
"$XMLSEC1" --verify --trusted-pem "$ca" "$tmp/sjis.xml" >"$tmp/xout" 2>&1
xrc=$?
check "relabelled Shift_JIS: xmlsec1 reads other text, the signature fails" \
	sh -c "[ $xrc -ne 0 ] && grep -q '^FAIL' '$tmp/xout'"
xmllint --nonet --xpath 'string(//*[local-name()="MsgText"])' "$tmp/sjis.xml" >"$tmp/lx2.txt" 2>/dev/null
check "  (libxml2 reads C:¥請求¥2024‾05)" grep -q 'C:¥請求¥2024‾05' "$tmp/lx2.txt"
run verify --trust "$crt" "$tmp/sjis.xml"
check "ifgw verify refuses it (exit 1, one line)" sh -c "[ $rc -eq 1 ] && [ \$(wc -l <'$tmp/err') -eq 1 ]"
check "  naming the byte both readers disagree on, not a digest mismatch" \
	has_err "sjis.xml:21: Shift_JIS byte 0x5C reads as U+00A5 '¥' in glibc (libxml2, xmlsec1) but as U+005C '\\' in CP932 (Windows, .NET, Java, WHATWG) and Python: declare the encoding Windows-31J"
printf '%s\n' '<?xml version="1.0" encoding="Shift_JIS"?>' '<Note>C:\請求</Note>' | iconv -f UTF-8 -t SHIFT_JIS >"$tmp/note.xml"
run sign --key "$key" --cert "$crt" "$tmp/note.xml"
check "ifgw sign refuses a Shift_JIS document holding 0x5C (exit 1)" status 1
check "  saying which line and to declare Windows-31J" has_err "note.xml:2: Shift_JIS byte 0x5C reads as U+00A5"
run sign --key "$key" --cert "$crt" --out "$tmp/s-msg27.xml" "$top_srcdir/tests/data/dsig/msg27-shift_jis.xml"
check "a Shift_JIS document without such bytes (0x5C only as a trail byte) is signed" status 0

# --- what CP932 cannot carry unchanged is refused, saying what it would become
message "$tmp/yen.xml" '支払額 ¥1,000'
run adapter encode --country JP "$tmp/yen.xml"
check "a yen sign U+00A5: refused (exit 1)" status 1
check "  one line" one_line
check "  saying it would read back as '\\'" \
	has_err "MSG21/MsgText: U+00A5 '¥' cannot be written in CP932 (it reads back as U+005C '\\')"
message "$tmp/wave.xml" '10〜20'
run adapter encode --country JP "$tmp/wave.xml"
check "a WAVE DASH U+301C: refused, it would read back as FULLWIDTH TILDE" \
	sh -c "[ $rc -eq 1 ] && grep -Fq \"U+301C '〜' cannot be written in CP932 (it reads back as U+FF5E '～')\" '$tmp/err'"

finish
