package input

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names the character encoding a file was found to be in.
type Encoding string

// The encodings isnad reads.
const (
	UTF8      Encoding = "utf-8"
	UTF8BOM   Encoding = "utf-8 with BOM"
	UTF16LE   Encoding = "utf-16le"
	UTF16BE   Encoding = "utf-16be"
	Win1256   Encoding = "windows-1256"
	sniffSize          = 64 << 10
)

// ErrBinary is returned for input that is not text in any encoding isnad
// reads: NUL bytes or control characters where text would be.
var ErrBinary = errors.New("not a text file (binary or undecodable content)")

// Sniff decides the encoding of a text from its first bytes: a byte order
// mark first, then binary content (NUL or many control bytes), then UTF-8
// validity, then the byte profile of Windows-1256 Arabic (ARABIC.md §1.5,
// ENGINEERING.md §4: cp1256 Arabic letters sit at 0xC1–0xFE and are never
// valid UTF-8 sequences). A text that is mostly UTF-8 with a few bad bytes
// stays UTF-8: the bad bytes are replaced later, with a warning.
func Sniff(head []byte) (Encoding, error) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return UTF8BOM, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return UTF16LE, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return UTF16BE, nil
	}
	if e, ok := sniffUTF16(head); ok {
		return e, nil
	}
	controls := 0
	for _, c := range head {
		if c == 0 {
			return "", ErrBinary
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			controls++
		}
	}
	if controls*20 > len(head) {
		return "", ErrBinary
	}
	// Cut a possibly split rune at the end of the sniffed head.
	valid := head
	for i := 0; i < utf8.UTFMax && len(valid) > 0; i++ {
		if utf8.Valid(valid) {
			return UTF8, nil
		}
		valid = valid[:len(valid)-1]
	}
	bad, multi, high, arabic := 0, 0, 0, 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		} else if n > 1 {
			multi++
		}
		i += n
	}
	if multi >= 4*bad {
		return UTF8, nil // mostly UTF-8: the few bad bytes are replaced later
	}
	for _, c := range head {
		if c >= 0x80 {
			high++
			if c >= 0xC1 && c <= 0xFE {
				arabic++
			}
		}
	}
	if high > 0 && bad*2 > high && arabic*10 >= high*7 {
		return Win1256, nil
	}
	return "", ErrBinary
}

// sniffUTF16 recognises UTF-16 text without a byte order mark, as some
// Windows tools save it: in Arabic or Latin text the high byte of nearly
// every code unit is 0x00 (ASCII, Latin-1 such as « »), 0x06 (Arabic) or
// 0x20 (punctuation such as “ ”), and NUL bytes fall on one parity
// (almost) only.
func sniffUTF16(head []byte) (Encoding, bool) {
	n := len(head) &^ 1
	if n < 8 {
		return "", false
	}
	var high [2]int // code units whose byte at parity p looks like a high byte
	var nul [2]int
	for i := 0; i < n; i++ {
		switch head[i] {
		case 0x00:
			nul[i&1]++
			high[i&1]++
		case 0x06, 0x20:
			high[i&1]++
		}
	}
	units := n / 2
	for p, e := range [2]Encoding{UTF16BE, UTF16LE} {
		// The high byte comes first in big endian (even offsets), second
		// in little endian (odd offsets). Text has spaces and ASCII: a
		// tenth of its units or more have a NUL high byte, the other
		// parity almost none, and the decoded units are not control
		// characters (a table of small integers is binary).
		if nul[p]*10 < units || nul[1-p]*20 > nul[p] || high[p]*10 < units*9 {
			continue
		}
		controls := 0
		for i := 0; i+1 < n; i += 2 {
			hi, lo := head[i+p], head[i+1-p]
			if hi == 0 && lo < 0x20 && lo != '\n' && lo != '\r' && lo != '\t' {
				controls++
			}
		}
		if controls*20 <= units {
			return e, true
		}
	}
	return "", false
}

// decoder returns a reader of UTF-8 text from r in encoding e.
func decoder(r io.Reader, e Encoding) io.Reader {
	switch e {
	case UTF8BOM:
		return transform.NewReader(r, unicode.UTF8BOM.NewDecoder())
	case UTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	case UTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder())
	case Win1256:
		return transform.NewReader(r, charmap.Windows1256.NewDecoder())
	}
	return r
}
