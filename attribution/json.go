package attribution

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends r as encoding/json encodes it with HTML escaping off,
// byte for byte, without reflection: isnad writes one record per quote,
// and reflection was most of the cost of writing them. ok is false when
// the confidence is not a finite number, which encoding/json refuses with
// an error that the caller gets by encoding r the slow way.
func (r *Record) AppendJSON(b []byte) (out []byte, ok bool) {
	if r.Confidence != nil && (math.IsInf(*r.Confidence, 0) || math.IsNaN(*r.Confidence)) {
		return b, false
	}
	b = append(b, `{"id":`...)
	b = AppendJSONString(b, r.ID)
	b = append(b, `,"article":`...)
	b = AppendJSONString(b, r.Article)
	b = appendOptional(b, `,"outlet":`, r.Outlet)
	b = appendOptional(b, `,"url":`, r.URL)
	b = appendOptional(b, `,"published":`, r.Published)
	b = append(b, `,"quote":`...)
	b = AppendJSONString(b, r.Quote)
	b = append(b, `,"kind":`...)
	b = AppendJSONString(b, string(r.Kind))
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(r.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(r.End), 10)
	b = appendOptional(b, `,"speaker":`, r.Speaker)
	b = appendOptional(b, `,"mention":`, r.Mention)
	b = appendOptional(b, `,"role":`, r.Role)
	b = appendOptional(b, `,"cue":`, r.Cue)
	b = appendOptional(b, `,"said_on":`, r.SaidOn)
	b = appendOptional(b, `,"said_on_basis":`, r.SaidOnBasis)
	b = appendOptional(b, `,"credited":`, r.Credited)
	b = append(b, `,"confidence":`...)
	if r.Confidence == nil {
		b = append(b, "null"...)
	} else {
		b = AppendJSONFloat(b, *r.Confidence)
	}
	return append(b, '}'), true
}

// appendOptional appends the member name and s, or null when s is nil.
func appendOptional(b []byte, name string, s *string) []byte {
	b = append(b, name...)
	if s == nil {
		return append(b, "null"...)
	}
	return AppendJSONString(b, *s)
}

// AppendJSONFloat appends f as encoding/json writes a float64: like
// ES6's number to string, %f between 1e-6 and 1e21, else %e with the
// exponent's leading zero dropped.
func AppendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-09 → e-9
		b = b[:n-1]
	}
	return b
}

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s quoted as encoding/json quotes a string
// without HTML escaping: control characters, quotes and backslashes
// escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped. Records
// and the compare report share it.
func AppendJSONString(dst []byte, s string) []byte {
	return appendJSONString(dst, s, &jsonSafe)
}

// AppendJSONStringHTML is AppendJSONString with the HTML escaping of
// json.Marshal: <, > and & written as \u003c, \u003e and \u0026. The
// store encodes its values as json.Marshal did.
func AppendJSONStringHTML(dst []byte, s string) []byte {
	return appendJSONString(dst, s, &jsonHTMLSafe)
}

// jsonSafe and jsonHTMLSafe hold the ASCII bytes written as they are in
// a JSON string, without and with HTML escaping.
var jsonSafe, jsonHTMLSafe = func() (safe, html [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\'
		html[c] = safe[c] && c != '<' && c != '>' && c != '&'
	}
	return safe, html
}()

// appendJSONString appends s quoted, writing the ASCII bytes safe holds
// as they are and escaping the others.
func appendJSONString(dst []byte, s string, safe *[utf8.RuneSelf]bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default: // other control characters, and <, > and & when escaped
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		// Two bytes, as Arabic letters are: a lead byte C2 to DF and a
		// continuation byte are always a valid sequence, and never U+2028
		// or U+2029, so they need no decoding.
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
