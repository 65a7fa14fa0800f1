package compare

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// chromium finds a headless browser: Debian's chromium, or one named by
// ISNAD_CHROMIUM. Outside CI a missing browser skips the test; in CI
// (where .ci/run installs it) it fails.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ISNAD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium in CI: .ci/run installs Debian's chromium")
	}
	t.Skip("no Chromium on this machine (apt-get install chromium)")
	return ""
}

// TestHTMLRendersRightToLeft opens the sample report in headless Chromium
// and checks the screenshot: the title line is drawn on the right half of
// the page (right-to-left) and the deletion and insertion highlights are
// painted.
func TestHTMLRendersRightToLeft(t *testing.T) {
	browser := chromium(t)
	rep, err := Compare(context.Background(), sampleRecords(t), Options{Changed: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var b bytes.Buffer
	if err := WriteHTML(&b, rep); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "report.png")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=1000,1600",
		"--screenshot="+shot, "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("ISNAD_KEEP_SCREENSHOT") != "" {
		os.WriteFile(os.Getenv("ISNAD_KEEP_SCREENSHOT"), mustRead(t, shot), 0o644)
	}
	bounds := img.Bounds()
	// The title: dark pixels in the top band lie on the right half.
	var sumX, n int
	for y := bounds.Min.Y; y < bounds.Min.Y+90 && y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			if dark(img, x, y) {
				sumX += x
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("no text in the title band")
	}
	if mean := sumX / n; mean < bounds.Dx()/2 {
		t.Errorf("the title is drawn at x≈%d of %d: not right-to-left", mean, bounds.Dx())
	}
	// The highlights of <del> (#fbd3d3) and <ins> (#cff2cf) are painted.
	if !hasColor(img, 0xfb, 0xd3, 0xd3) {
		t.Error("no deletion highlight in the screenshot")
	}
	if !hasColor(img, 0xcf, 0xf2, 0xcf) {
		t.Error("no insertion highlight in the screenshot")
	}
}

func mustRead(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func dark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return r>>8 < 90 && g>>8 < 90 && b>>8 < 90
}

func hasColor(img image.Image, r0, g0, b0 uint32) bool {
	bounds := img.Bounds()
	near := func(a, b uint32) bool { return a+6 >= b && b+6 >= a }
	count := 0
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			if near(r>>8, r0) && near(g>>8, g0) && near(b>>8, b0) {
				count++
				if count > 20 {
					return true
				}
			}
		}
	}
	return false
}
