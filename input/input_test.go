package input

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

const arabic = "قال الرئيس: «سنعمل معا»"

func encode(t testing.TB, s string, enc string) []byte {
	t.Helper()
	switch enc {
	case "utf-8":
		return []byte(s)
	case "bom":
		return append([]byte{0xEF, 0xBB, 0xBF}, s...)
	case "utf-16le", "utf-16be", "utf-16le no bom", "utf-16be no bom":
		order, bom := unicode.LittleEndian, unicode.UseBOM
		if strings.HasPrefix(enc, "utf-16be") {
			order = unicode.BigEndian
		}
		if strings.HasSuffix(enc, "no bom") {
			bom = unicode.IgnoreBOM
		}
		e := unicode.UTF16(order, bom)
		b, err := e.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	case "cp1256":
		b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Fatalf("unknown encoding %s", enc)
	return nil
}

// readAll reads paths and returns the articles and the warnings.
func readAll(t *testing.T, stdin []byte, paths ...string) ([]Item, []string, int) {
	t.Helper()
	var warns []string
	r := &Reader{Stdin: bytes.NewReader(stdin), Warn: func(err error) { warns = append(warns, err.Error()) }}
	var items []Item
	failed, err := r.Each(context.Background(), paths, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("Each: %v", err)
	}
	return items, warns, failed
}

func TestEncodings(t *testing.T) {
	tests := []struct {
		name, enc string
		warn      string
	}{
		{"UTF-8", "utf-8", ""},
		{"UTF-8 with BOM", "bom", ""},
		{"UTF-16 little endian with BOM", "utf-16le", "decoded from utf-16le"},
		{"UTF-16 big endian with BOM", "utf-16be", "decoded from utf-16be"},
		{"UTF-16 little endian without BOM", "utf-16le no bom", "decoded from utf-16le"},
		{"UTF-16 big endian without BOM", "utf-16be no bom", "decoded from utf-16be"},
		{"Windows-1256", "cp1256", "decoded from windows-1256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "page.txt")
			if err := os.WriteFile(p, encode(t, arabic+"\nسطر ثان", tt.enc), 0o600); err != nil {
				t.Fatal(err)
			}
			items, warns, failed := readAll(t, nil, p)
			if failed != 0 || len(items) != 1 {
				t.Fatalf("failed=%d items=%d warns=%v", failed, len(items), warns)
			}
			if got := items[0].Article.Text; got != arabic+"\nسطر ثان" {
				t.Errorf("text = %q", got)
			}
			if items[0].Article.ID != "page" {
				t.Errorf("id = %q, want the file's base name", items[0].Article.ID)
			}
			if tt.warn != "" && (len(warns) != 1 || !strings.Contains(warns[0], tt.warn)) {
				t.Errorf("warnings %v, want %q", warns, tt.warn)
			}
		})
	}
}

func TestBadInputsAreReportedAndSkipped(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte(arabic))
	binary := write("image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	empty := write("empty.txt", nil)
	jsonl := write("feed.jsonl", []byte(`{"id":"1","text":"`+arabic+`"}
not json
{"id":"3","title":"no text"}

{"id":"4","text":"نص رابع"}
`))
	missing := filepath.Join(dir, "missing.txt")
	items, warns, failed := readAll(t, nil, good, binary, empty, jsonl, missing)
	if len(items) != 3 {
		t.Fatalf("read %d articles, want 3 (good.txt and two JSONL lines): %v", len(items), warns)
	}
	if failed != 5 {
		t.Errorf("failed = %d, want 5: %v", failed, warns)
	}
	all := strings.Join(warns, "\n")
	for _, want := range []string{"image.txt: not a text file", "empty.txt: empty input", "feed.jsonl:2: not a JSON article", `feed.jsonl:3: article has no "text"`, "missing.txt: no such file"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	if items[1].Source != jsonl+":1" || items[2].Article.ID != "4" {
		t.Errorf("sources %q %q", items[1].Source, items[2].Article.ID)
	}
}

func TestInvalidUTF8IsReplacedNotDropped(t *testing.T) {
	p := filepath.Join(t.TempDir(), "broken.txt")
	if err := os.WriteFile(p, []byte(arabic+" \xff نهاية"), 0o600); err != nil {
		t.Fatal(err)
	}
	items, warns, failed := readAll(t, nil, p)
	if failed != 0 || len(items) != 1 || !strings.Contains(items[0].Article.Text, "\uFFFD") {
		t.Fatalf("items=%v warns=%v", items, warns)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "invalid UTF-8") {
		t.Errorf("warnings %v", warns)
	}
}

func TestDirectoriesGzipAndStdin(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "b")
	if err := os.MkdirAll(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("نص أ"), 0o600)
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("not read"), 0o600)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"id":"z","text":"نص مضغوط"}` + "\n"))
	zw.Close()
	os.WriteFile(filepath.Join(sub, "c.jsonl.gz"), gz.Bytes(), 0o600)
	if err := os.Symlink(dir, filepath.Join(sub, "loop")); err != nil {
		t.Fatal(err)
	}
	items, warns, failed := readAll(t, []byte(`{"id":"s","text":"من المدخل"}`), dir, "-")
	if failed != 0 {
		t.Fatalf("failed %d: %v", failed, warns)
	}
	var ids []string
	for _, it := range items {
		ids = append(ids, it.Article.ID)
	}
	if strings.Join(ids, ",") != "a,z,s" {
		t.Errorf("ids = %v, want a,z,s (lexical walk, .md skipped, symlink loop not followed, then stdin)", ids)
	}
}

func TestStdinPlainText(t *testing.T) {
	items, _, failed := readAll(t, []byte(arabic), "-")
	if failed != 0 || len(items) != 1 || items[0].Article.ID != "" || items[0].Source != "-" {
		t.Fatalf("items=%+v failed=%d", items, failed)
	}
}

func TestLongJSONLLine(t *testing.T) {
	long := strings.Repeat("كلمة ", 300000) // 3 MB on one line
	items, _, failed := readAll(t, []byte(`{"text":"`+long+`"}`+"\n"), "-")
	if failed != 0 || len(items) != 1 || len(items[0].Article.Text) != len(long) {
		t.Fatalf("failed=%d items=%d", failed, len(items))
	}
}

func FuzzSniff(f *testing.F) {
	f.Add([]byte(arabic))
	f.Add([]byte{0xFF, 0xFE, 0x41, 0x00})
	f.Add([]byte{0xC7, 0xE1, 0xD1})
	f.Fuzz(func(t *testing.T, b []byte) {
		enc, err := Sniff(b)
		if err == nil && enc == "" {
			t.Fatal("no encoding and no error")
		}
	})
}

// FuzzRead feeds arbitrary bytes to the reader as a text page and as JSONL:
// it must not panic, and every article it hands on has valid UTF-8, non-blank
// text; whatever it rejects is reported, never silently dropped.
func FuzzRead(f *testing.F) {
	f.Add([]byte(arabic))
	f.Add([]byte(`{"id":"1","text":"` + arabic + `"}` + "\nnot json\n{\"text\":\"\"}\n"))
	f.Add(append([]byte{0xFF, 0xFE}, encode(f, arabic, "utf-16le")...))
	f.Add(encode(f, arabic, "cp1256"))
	f.Add([]byte("{\"text\":\"\xff\xfe\"}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, format := range []string{"txt", "jsonl", ""} {
			warned := 0
			r := &Reader{Warn: func(error) { warned++ }}
			items := 0
			failed, err := r.readStream(context.Background(), "fuzz", bytes.NewReader(b), format, func(it Item) error {
				items++
				if !utf8.ValidString(it.Article.Text) || strings.TrimSpace(it.Article.Text) == "" {
					t.Fatalf("%s: article text %q", format, it.Article.Text)
				}
				return nil
			})
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if failed > warned {
				t.Fatalf("%s: %d inputs failed but only %d warnings", format, failed, warned)
			}
			if items == 0 && failed == 0 && len(bytes.TrimSpace(b)) > 0 && format == "txt" {
				t.Fatalf("txt: non-blank input neither read nor reported")
			}
		}
	})
}

func TestSniffKeepsBinaryBinary(t *testing.T) {
	elf, err := os.ReadFile("/proc/self/exe")
	if err != nil {
		t.Skip(err)
	}
	tests := []struct {
		name string
		head []byte
	}{
		{"executable", elf[:min(len(elf), sniffSize)]},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00")},
		{"ZIP", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00\x21\x00\xb7\xac\xce\x34\x00\x00\x00\x00")},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x57\x28\xcf\x2f\xca\x49\x01\x00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if enc, err := Sniff(tt.head); err == nil {
				t.Errorf("Sniff = %s, want ErrBinary", enc)
			}
		})
	}
}

func TestSniffUTF16NeedsText(t *testing.T) {
	table := make([]byte, 0, 400)
	for v := 1; v <= 200; v++ {
		table = append(table, byte(v), 0) // uint16 little endian 1..200
	}
	tests := []struct {
		name string
		head []byte
		want Encoding // "" for binary
	}{
		{"a table of small integers is binary", table, ""},
		{"control units are binary", []byte("\x01\x00\x02\x00\x03\x00\x04\x00\x05\x00\x06\x00"), ""},
		{"ASCII with one NUL is not UTF-16", []byte(strings.Repeat(" a", 100) + "\x00a"), ""},
		{"Arabic UTF-16LE without BOM", encode(t, arabic+" "+arabic, "utf-16le no bom"), UTF16LE},
		{"Arabic UTF-16BE without BOM", encode(t, arabic+" "+arabic, "utf-16be no bom"), UTF16BE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff(tt.head)
			if tt.want == "" && err == nil {
				t.Errorf("Sniff = %s, want binary", got)
			}
			if tt.want != "" && (err != nil || got != tt.want) {
				t.Errorf("Sniff = %s, %v, want %s", got, err, tt.want)
			}
		})
	}
}

func TestValidUTF8(t *testing.T) {
	for _, s := range []string{"", "abc", "قال: «نعم»", "\xd9", "\xd9\x84\xd9", "a\xc0\x80", "\xc2\x80", "\xdf\xbf",
		"€ 😀 قال", "قال \xed\xa0\x80", "\xf4\x90\x80\x80", "ab\xe2\x82", "\xd9\x84\xe2\x82\xac\xd9"} {
		if got, want := validUTF8([]byte(s)), utf8.ValidString(s); got != want {
			t.Errorf("validUTF8(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestValidUTF8Words holds validUTF8, which reads eight bytes at a time,
// to utf8.Valid on random texts of ASCII, Arabic letters, longer runes and
// bytes that break UTF-8 (lone leads and continuations, the overlong leads
// C0 and C1), at every alignment of the eight bytes.
func TestValidUTF8Words(t *testing.T) {
	pieces := []string{"a", " ", "\"", "قال", "ل", "\u00e9", "\u07ff", "\u0080", "€", "😀", "\xc0\x80", "\xc1\xbf", "\xc2", "\xdf", "\x80", "\xbf", "\xe2\x82", "\xed\xa0\x80", "\xff"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		var b []byte
		for range rng.IntN(12) {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(4) > 0 {
				p = pieces[rng.IntN(5)] // mostly text
			}
			b = append(b, p...)
		}
		if got, want := validUTF8(b), utf8.Valid(b); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", b, got, want)
		}
	}
}

// FuzzValidUTF8 holds validUTF8 to utf8.Valid on any bytes.
func FuzzValidUTF8(f *testing.F) {
	for _, s := range []string{"قال: «نعم»", "a\xc0\x80", "\xd9\x84\xe2\x82\xac\xd9", "€ 😀"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validUTF8(b), utf8.Valid(b); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", b, got, want)
		}
	})
}

// newsLike returns about n bytes of text shaped like a JSONL line of
// Arabic news: words of random length, spaces, digits, escapes and the
// occasional mark of three bytes, in no pattern a branch predictor could
// learn, as real text has none.
func newsLike(n int) []byte {
	rng := rand.New(rand.NewPCG(13, 14))
	letters := []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى")
	var b []byte
	for len(b) < n {
		switch k := rng.IntN(40); {
		case k == 0:
			b = append(b, "\\n"...)
		case k == 1:
			b = append(b, "“"...)
		case k < 4:
			b = append(b, fmt.Sprint(rng.IntN(3000))...)
		default:
			for range 2 + rng.IntN(7) {
				b = utf8.AppendRune(b, letters[rng.IntN(len(letters))])
			}
		}
		b = append(b, []string{" ", "، ", ". "}[rng.IntN(3)]...)
	}
	return b
}

// BenchmarkValidUTF8 times validUTF8 beside utf8.Valid, its reference, on
// text like Arabic news (newsLike).
func BenchmarkValidUTF8(b *testing.B) {
	text := newsLike(100000)
	for _, bm := range []struct {
		name  string
		valid func([]byte) bool
	}{{"validUTF8", validUTF8}, {"utf8.Valid", utf8.Valid}} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if !bm.valid(text) {
					b.Fatal("valid text found invalid")
				}
			}
		})
	}
}
