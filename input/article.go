package input

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"

	"github.com/isnad/isnad/quotes"
)

// decodeArticle decodes a JSONL line that holds an article as crawlers
// write it, an object whose members are all strings named exactly as the
// fields of quotes.Article, into what json.Unmarshal gives, without
// reflection. ok is false for anything else (another member, a value that
// is not a string, an escaped name, a surrogate escape, bad syntax): the
// caller hands such a line to json.Unmarshal, which decides and words any
// error. line must be valid UTF-8.
func decodeArticle(line []byte) (quotes.Article, bool) {
	var d articleDecoder
	return d.article(line)
}

// article is decodeArticle with d's buffer for escaped strings, kept from
// line to line.
func (d *articleDecoder) article(line []byte) (a quotes.Article, ok bool) {
	d.b, d.i = line, 0
	d.space()
	if !d.next('{') {
		return a, false
	}
	d.space()
	if d.next('}') {
		return a, d.end()
	}
	for {
		d.space()
		name, ok := d.name()
		if !ok {
			return a, false
		}
		d.space()
		if !d.next(':') {
			return a, false
		}
		d.space()
		s, ok := d.str()
		if !ok {
			return a, false
		}
		switch string(name) { // compared, not copied
		case "id":
			a.ID = s
		case "outlet":
			a.Outlet = s
		case "url":
			a.URL = s
		case "published":
			a.Published = s
		case "title":
			a.Title = s
		case "text":
			a.Text = s
		default:
			return a, false // json matches names without regard to case: let it
		}
		d.space()
		if d.next('}') {
			return a, d.end()
		}
		if !d.next(',') {
			return a, false
		}
	}
}

// articleDecoder reads a JSON text from b at i.
type articleDecoder struct {
	b   []byte
	i   int
	buf []byte // escaped's working buffer, reused: the string it returns is a copy
}

// space skips JSON white space.
func (d *articleDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// next consumes c if it comes next.
func (d *articleDecoder) next(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// end reports whether only white space is left.
func (d *articleDecoder) end() bool {
	d.space()
	return d.i == len(d.b)
}

// name reads a member name without escapes.
func (d *articleDecoder) name() ([]byte, bool) {
	if !d.next('"') {
		return nil, false
	}
	start := d.i
	for d.i < len(d.b) {
		switch c := d.b[d.i]; {
		case c == '"':
			d.i++
			return d.b[start : d.i-1], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
		d.i++
	}
	return nil, false
}

// str reads a string value, unescaped as encoding/json does.
func (d *articleDecoder) str() (string, bool) {
	if !d.next('"') {
		return "", false
	}
	start := d.i
	d.i = plainRun(d.b, d.i)
	if d.i == len(d.b) {
		return "", false
	}
	switch c := d.b[d.i]; {
	case c == '"':
		d.i++
		return string(d.b[start : d.i-1]), true
	case c == '\\':
		return d.escaped(start)
	}
	return "", false // a control byte
}

// plainRun returns the index of the first quote, backslash or control
// byte of b from i, or len(b). It reads eight bytes at a time: a byte is
// one of these when it is zero after an XOR with '"' or '\\', or below
// 0x20, and (x - 0x01…) &^ x flags, in its top bit, the lowest zero byte
// of x exactly (a borrow flags bytes above it only).
func plainRun(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		q := x ^ 0x2222222222222222 // '"'
		e := x ^ 0x5C5C5C5C5C5C5C5C // '\\'
		m := ((q - 0x0101010101010101) &^ q) | ((e - 0x0101010101010101) &^ e) | ((x - 0x2020202020202020) &^ x)
		if m &= 0x8080808080808080; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(b) && b[i] != '"' && b[i] != '\\' && b[i] >= 0x20 {
		i++
	}
	return i
}

// escaped finishes str from the first backslash of a string that began
// at start.
func (d *articleDecoder) escaped(start int) (string, bool) {
	out := append(d.buf[:0], d.b[start:d.i]...)
	defer func() { d.buf = out[:0] }() // out grew to hold the string: keep it for the next
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			return string(out), true
		case c < 0x20:
			return "", false
		case c != '\\':
			run := plainRun(d.b, d.i+1) // up to the next quote, backslash or control byte
			out = append(out, d.b[d.i:run]...)
			d.i = run
			continue
		}
		if d.i+1 >= len(d.b) {
			return "", false
		}
		switch e := d.b[d.i+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(d.b[d.i+2:])
			if !ok || r >= 0xD800 && r <= 0xDFFF {
				return "", false // surrogates pair up or become U+FFFD: json knows how
			}
			out = utf8.AppendRune(out, r)
			d.i += 4
		default:
			return "", false
		}
		d.i += 2
	}
	return "", false
}

// hex4 reads the four hex digits of a \u escape.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
