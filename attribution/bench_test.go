package attribution

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/isnad/isnad/quotes"
)

// BenchmarkAttribute measures extraction plus attribution over the shared
// corpus on one goroutine, JSON decoding excluded.
func BenchmarkAttribute(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "*.jsonl.gz"))
	if len(files) == 0 {
		b.Skip("shared corpus not available")
	}
	var arts []quotes.Article
	total := 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		gz, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(gz)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() && len(arts) < 20000 {
			var a quotes.Article
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				b.Fatal(err)
			}
			arts = append(arts, a)
			total += len(a.Text)
		}
		f.Close()
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range arts {
			Attribute(&arts[j], quotes.Extract(arts[j].Text))
		}
	}
}
