// Package input reads news articles from files, directories and standard
// input: plain-text pages (one article a file) and article JSONL (one
// article a line), in UTF-8 with or without a byte order mark, UTF-16 with a
// byte order mark, or legacy Windows-1256, optionally gzip-compressed. A
// file that cannot be read is reported and the others are still read.
package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/isnad/isnad/quotes"
)

// Item is one article read, with where it came from.
type Item struct {
	Article quotes.Article
	// Source is the file name (or "-" for standard input), with ":LINE"
	// for a JSONL line.
	Source string
}

// Reader reads articles from paths.
type Reader struct {
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Warn receives problems that do not stop a file from being read, such
	// as invalid UTF-8 replaced by U+FFFD, and the errors of inputs that
	// failed. It may be nil.
	Warn func(error)
}

// Stdin is the path that stands for standard input.
const Stdin = "-"

// Each reads every article of every path in order and calls fn for each.
// Directories are walked recursively (in lexical order) for .txt, .jsonl
// and .ndjson files, optionally ending in .gz. An input that cannot be read,
// and a JSONL line that is not an article, is reported to Warn and counted
// in failed; reading goes on with the rest. An error returned by fn, or the
// context's end, stops reading and is returned.
func (r *Reader) Each(ctx context.Context, paths []string, fn func(Item) error) (failed int, err error) {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		if p == Stdin {
			n, err := r.readStream(ctx, Stdin, r.Stdin, "", fn)
			failed += n
			if err != nil {
				return failed, err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			r.warn(fmt.Errorf("%s: %w", p, unwrapPath(err)))
			failed++
			continue
		}
		if !info.IsDir() {
			n, err := r.readFile(ctx, p, fn)
			failed += n
			if err != nil {
				return failed, err
			}
			continue
		}
		werr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			if err != nil {
				r.warn(fmt.Errorf("%s: %w", path, unwrapPath(err)))
				failed++
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !Supported(path) {
				return nil
			}
			n, err := r.readFile(ctx, path, fn)
			failed += n
			return err
		})
		if werr != nil {
			return failed, werr
		}
	}
	return failed, nil
}

// Supported reports whether a file found in a directory is read: .txt,
// .jsonl and .ndjson, each optionally gzip-compressed (.gz).
func Supported(path string) bool {
	name := strings.ToLower(strings.TrimSuffix(strings.ToLower(path), ".gz"))
	switch filepath.Ext(name) {
	case ".txt", ".jsonl", ".ndjson":
		return true
	}
	return false
}

func isJSONL(path string) bool {
	name := strings.TrimSuffix(strings.ToLower(path), ".gz")
	ext := filepath.Ext(name)
	return ext == ".jsonl" || ext == ".ndjson"
}

func (r *Reader) warn(err error) {
	if r.Warn != nil {
		r.Warn(err)
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *Reader) readFile(ctx context.Context, path string, fn func(Item) error) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		r.warn(fmt.Errorf("%s: %w", path, unwrapPath(err)))
		return 1, nil
	}
	defer f.Close()
	var src io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			r.warn(fmt.Errorf("%s: not a gzip file: %w", path, err))
			return 1, nil
		}
		defer gz.Close()
		src = gz
	}
	format := "txt"
	if isJSONL(path) {
		format = "jsonl"
	}
	return r.readStream(ctx, path, src, format, fn)
}

// readStream reads one input. format is "txt", "jsonl", or "" to decide
// from the content (standard input): JSONL when it starts with '{'.
func (r *Reader) readStream(ctx context.Context, name string, src io.Reader, format string, fn func(Item) error) (int, error) {
	if src == nil {
		r.warn(fmt.Errorf("%s: no standard input", name))
		return 1, nil
	}
	br := bufio.NewReaderSize(src, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		r.warn(fmt.Errorf("%s: %w", name, err))
		return 1, nil
	}
	if len(head) == 0 {
		r.warn(fmt.Errorf("%s: empty input", name))
		return 1, nil
	}
	enc, err := Sniff(head)
	if err != nil {
		r.warn(fmt.Errorf("%s: %w", name, err))
		return 1, nil
	}
	if enc != UTF8 && enc != UTF8BOM {
		r.warn(fmt.Errorf("%s: decoded from %s", name, enc))
	}
	text := bufio.NewReaderSize(decoder(br, enc), 1<<20)
	if format == "" {
		format = "txt"
		if first, _ := text.Peek(1); len(first) == 1 && first[0] == '{' {
			format = "jsonl"
		}
	}
	if format == "jsonl" {
		return r.readJSONL(ctx, name, text, fn)
	}
	b, err := io.ReadAll(text)
	if err != nil {
		r.warn(fmt.Errorf("%s: %w", name, err))
		return 1, nil
	}
	s := r.validUTF8(name, b)
	if strings.TrimSpace(s) == "" {
		r.warn(fmt.Errorf("%s: empty input", name))
		return 1, nil
	}
	a := quotes.Article{Text: s}
	if name != Stdin {
		base := filepath.Base(name)
		if strings.HasSuffix(strings.ToLower(base), ".gz") {
			base = base[:len(base)-3]
		}
		a.ID = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return 0, fn(Item{Article: a, Source: name})
}

// readLine is br.ReadBytes('\n') read into buf, which it returns grown
// as needed, rather than into a new slice.
func readLine(br *bufio.Reader, buf []byte) ([]byte, error) {
	buf = buf[:0]
	for {
		b, err := br.ReadSlice('\n')
		buf = append(buf, b...)
		if err != bufio.ErrBufferFull {
			return buf, err
		}
	}
}

// validUTF8 is utf8.Valid, faster on Arabic text: it reads ASCII and the
// two-byte runes itself, eight bytes at a time. Eight bytes that hold
// anything else (a mark such as “ or …, of three bytes) are read one rune
// at a time, with utf8.DecodeRune, up to where eight bytes of the fast kind
// start again: whole lines handed to utf8.Valid cost more per rune.
func validUTF8(b []byte) bool {
	i := 0
	for i+8 <= len(b) {
		n := twoByteRunes(binary.LittleEndian.Uint64(b[i:]))
		if n == 0 {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			n = size
		}
		i += n
	}
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= 0xC2 && c < 0xE0 && i+1 < len(b) && b[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		return utf8.Valid(b[i:])
	}
	return true
}

// Masks of the bytes of a little-endian word.
const (
	highBits = 0x8080808080808080 // each byte's top bit
	lowBits  = 0x0101010101010101 // each byte's bottom bit
)

// twoByteRunes reads w, eight bytes of text that start a rune, and
// returns how many of them are whole runes of one or two bytes: 8, or 7
// when the last byte starts a rune the next bytes end. It returns 0 when
// w holds anything else (a longer rune, an overlong or invalid byte, a
// continuation byte without its lead), which validUTF8 then reads rune by
// rune. A
// byte is ASCII when its top bit is clear, a continuation when its top
// bits are 10, and a lead of two bytes when they are 110 (but C0 and C1,
// the leads of overlong forms); the text is whole runes of one or two
// bytes when every such lead is followed by a continuation and every
// continuation follows a lead.
func twoByteRunes(w uint64) int {
	hi := w & highBits
	if hi == 0 {
		return 8 // ASCII
	}
	b6 := w << 1 & highBits // each byte's second bit, moved to its top
	b5 := w << 2 & highBits // and its third
	if hi&b6&b5 != 0 {
		return 0 // a byte 111xxxxx: a longer rune, or invalid
	}
	// C0 and C1 are the bytes that become zero when their bottom bit is
	// dropped and C0 taken off; (x - 1) &^ x has a top bit set in some
	// byte exactly when x has a zero byte.
	if x := (w &^ lowBits) ^ 0xC0C0C0C0C0C0C0C0; (x-lowBits)&^x&highBits != 0 {
		return 0 // a C0 or C1 lead
	}
	cont := hi &^ b6
	lead := hi & b6
	if lead<<8 != cont { // a lead in the last byte shifts out: its continuation is the next word's
		return 0
	}
	return 8 - int(lead>>63) // 7 when the last byte is a lead: the next word starts at it
}

func (r *Reader) validUTF8(where string, b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	r.warn(fmt.Errorf("%s: invalid UTF-8 replaced with U+FFFD", where))
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// readJSONL reads one article a line; lines of any length are accepted.
func (r *Reader) readJSONL(ctx context.Context, name string, br *bufio.Reader, fn func(Item) error) (int, error) {
	failed := 0
	var buf []byte // the line, read into the same memory every time: an article copies what it keeps
	var dec articleDecoder
	for line := 1; ; line++ {
		if line%256 == 0 {
			if err := ctx.Err(); err != nil {
				return failed, err
			}
		}
		var err error
		buf, err = readLine(br, buf)
		b := buf
		if len(bytes.TrimSpace(b)) > 0 {
			where := fmt.Sprintf("%s:%d", name, line)
			text := b
			if !validUTF8(b) {
				text = []byte(r.validUTF8(where, b))
			}
			a, ok := dec.article(text)
			var jerr error
			if !ok {
				a = quotes.Article{}
				jerr = json.Unmarshal(text, &a)
			}
			if jerr != nil {
				r.warn(fmt.Errorf("%s: not a JSON article: %w", where, jerr))
				failed++
			} else if strings.TrimSpace(a.Text) == "" {
				r.warn(fmt.Errorf("%s: article has no \"text\"", where))
				failed++
			} else if ferr := fn(Item{Article: a, Source: where}); ferr != nil {
				return failed, ferr
			}
		}
		if err == io.EOF {
			return failed, nil
		}
		if err != nil {
			r.warn(fmt.Errorf("%s:%d: %w", name, line, err))
			return failed + 1, nil
		}
	}
}
