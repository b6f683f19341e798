package content

import (
	"strings"
	"testing"
)

func goodImage() *Image {
	return &Image{File: "images/vard.jpg", Alt: Text{"sv": "En sjuksköterska", "ar": "ممرضة"}, Credit: Text{"sv": "Foto: projektet"}}
}

// Each case breaks one thing of an article's picture and names the one
// problem it must give.
func TestImageValidation(t *testing.T) {
	cases := []struct {
		name    string
		breakIt func(img *Image)
		field   string
	}{
		{"no file", func(img *Image) { img.File = "" }, "image.file"},
		{"outside images/", func(img *Image) { img.File = "images/../keys/root.jpg" }, "image.file"},
		{"sub-folder", func(img *Image) { img.File = "images/a/b.jpg" }, "image.file"},
		{"not a picture", func(img *Image) { img.File = "images/notes.txt" }, "image.file"},
		{"space in name", func(img *Image) { img.File = "images/my photo.jpg" }, "image.file"},
		{"no alt text", func(img *Image) { img.Alt = nil }, "image.alt"},
		{"alt text on two lines", func(img *Image) { img.Alt["sv"] = "En\nbild" }, "image.alt.sv"},
		{"alt text too long", func(img *Image) { img.Alt["en"] = strings.Repeat("a ", MaxAltBytes) }, "image.alt.en"},
		{"credit unknown language", func(img *Image) { img.Credit["xx"] = "?" }, "image.credit.xx"},
		{"credit too long", func(img *Image) { img.Credit["sv"] = strings.Repeat("Foto ", 50) }, "image.credit.sv"},
		{"width without height", func(img *Image) { img.Width = 1080 }, "image"},
		{"too wide", func(img *Image) { img.Width, img.Height = MaxImageSide+1, 10 }, "image"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := validSet()
			img := goodImage()
			c.breakIt(img)
			s.Articles[0].Image = img
			ps := s.Validate()
			if len(ps) != 1 || ps[0].Field != c.field || ps[0].ID != "health-care" {
				t.Fatalf("problems %v, want one for %s", ps, c.field)
			}
		})
	}
	s := validSet()
	s.Topics[0].Image = goodImage()
	s.Topics[0].Image.Alt = nil
	if ps := s.Validate(); len(ps) != 1 || ps[0].Kind != KindTopic || ps[0].ID != "health" || ps[0].Field != "image.alt" {
		t.Fatalf("a topic's picture without alt text: problems %v, want one for the topic's image.alt", ps)
	}
	s = validSet()
	s.Topics[0].Image = goodImage()
	s.Articles[0].Image, s.Projects[0].Image, s.Services[0].Image, s.Events[0].Image = goodImage(), goodImage(), goodImage(), goodImage()
	s.Projects[0].Image.File, s.Projects[0].Image.Width, s.Projects[0].Image.Height = "images/0123456789abcdef0123456789abcdef.jpg", 1080, 720
	if ps := s.Validate(); len(ps) != 0 {
		t.Fatalf("good pictures: %v", ps)
	}
}

// TestTopicImage: a topic may carry a picture; ImageOf finds it, so
// build, the editor and a sync publish and fetch it as any other.
func TestTopicImage(t *testing.T) {
	topic := &Topic{ID: "health", Title: Text{"sv": "Hälsa"}, Image: goodImage()}
	if ImageOf(topic) != topic.Image {
		t.Error("ImageOf does not find a topic's picture")
	}
	if ImageOf(&Topic{ID: "work"}) != nil {
		t.Error("ImageOf finds a picture on a topic without one")
	}
	found := false
	topic.SearchTexts(func(st SearchText) { found = found || st.Text["sv"] == "En sjuksköterska" })
	if !found {
		t.Error("a topic picture's alt text is not among the topic's search texts")
	}
}

// TestAltTextIsSearched: a picture's alt text is indexed with its item.
func TestAltTextIsSearched(t *testing.T) {
	a := Article{ID: "a", Title: Text{"sv": "Vård"}, Image: goodImage()}
	found := false
	a.SearchTexts(func(st SearchText) {
		if st.Text["sv"] == "En sjuksköterska" && st.Role == RoleBody {
			found = true
		}
	})
	if !found {
		t.Error("the alt text is not among the article's search texts")
	}
}
