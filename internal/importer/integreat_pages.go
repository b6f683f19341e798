package importer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/motesplats/motesplats/internal/content"
)

// igPages turns the page tree into topics and articles: every top-level
// page becomes a topic (its excerpt the summary) and its content, when
// it has any, the topic's first article; the pages below it follow as
// articles of that topic in tree order (depth first, siblings by their
// order). A page whose parent is not in the dump goes, with the pages
// below it, to the topic "imported".
func igPages(groups []igGroup[igPage], set *content.Set, recs records, opt IntegreatOptions, rep *Report) {
	parents := igParents(groups, rep)
	children := map[int][]int{}
	var roots, orphans []int
	for i, p := range parents {
		switch {
		case p >= 0:
			children[p] = append(children[p], i)
		case p == igRoot:
			roots = append(roots, i)
		default:
			orphans = append(orphans, i)
		}
	}
	byOrder := func(list []int) {
		sort.SliceStable(list, func(a, b int) bool {
			return groups[list[a]].records[0].item.Order < groups[list[b]].records[0].item.Order
		})
	}
	byOrder(roots)
	byOrder(orphans)
	for _, list := range children {
		byOrder(list)
	}

	// write adds the article of page i (when it has content) and those
	// of the pages below it, numbering them in reading order.
	var write func(i int, topic string, order *int)
	write = func(i int, topic string, order *int) {
		g := groups[i]
		if a, ok := igArticle(g, topic, *order, opt, rep, len(children[i]) > 0); ok {
			recs.set(content.KindArticle, a.ID, g.records[0].name)
			set.Articles = append(set.Articles, a)
			*order++
		}
		for _, ch := range children[i] {
			write(ch, topic, order)
		}
	}
	for _, i := range roots {
		g := groups[i]
		title, _, excerpt := translations(g.records, false)
		t := content.Topic{ID: "integreat-topic-" + g.stable, Order: g.records[0].item.Order, Title: title, Summary: excerpt}
		recs.set(content.KindTopic, t.ID, g.records[0].name)
		set.Topics = append(set.Topics, t)
		order := 0
		write(i, t.ID, &order)
	}
	if len(orphans) > 0 {
		set.Topics = append(set.Topics, ImportedTopic)
		order := 0
		for _, i := range orphans {
			write(i, ImportedTopic.ID, &order)
		}
	}
}

// Parent positions igParents gives besides an index into groups.
const (
	igRoot   = -1 // a top-level page
	igOrphan = -2 // its parent is not in the dump, or the parents loop
)

// igParents finds each page's parent page, as its first kept language
// says: by the parent's path (or address) in that language, else by its
// id among that language's records.
func igParents(groups []igGroup[igPage], rep *Report) []int {
	where := map[string]int{}
	for i, g := range groups {
		for _, r := range g.records {
			where[r.lang+"|"+r.key] = i
			if r.path != "" {
				where[r.lang+"|path:"+r.path] = i
			}
		}
	}
	parents := make([]int, len(groups))
	for i, g := range groups {
		r := g.records[0]
		p := r.item.Parent
		path := ""
		if p != nil {
			path = igPath(p.Path, p.URL)
		}
		if p == nil || (path == "" && (p.ID == nil || *p.ID == 0)) {
			parents[i] = igRoot
			continue
		}
		parents[i] = igOrphan
		if j, ok := where[r.lang+"|path:"+path]; ok && path != "" {
			parents[i] = j
		} else if j, ok := where[r.lang+"|"+igKey(p.ID, "", "")]; ok && p.ID != nil {
			parents[i] = j
		}
		if parents[i] == i {
			parents[i] = igOrphan
		}
		if parents[i] == igOrphan {
			rep.note(r.name, "its parent page (%s) is not in the dump; filed under the topic %q", igLinkName(p), ImportedTopic.ID)
		}
	}
	// A loop of parents (broken data) would never reach a top-level page.
	for i := range parents {
		seen := map[int]bool{}
		for j := i; j >= 0 && parents[j] >= 0; j = parents[j] {
			if seen[j] {
				rep.note(groups[i].records[0].name, "its parent pages form a loop; filed under the topic %q", ImportedTopic.ID)
				parents[i] = igOrphan
				break
			}
			seen[j] = true
		}
	}
	return parents
}

func igLinkName(l *igLink) string {
	if p := igPath(l.Path, l.URL); p != "" {
		return p
	}
	if l.ID != nil {
		return fmt.Sprintf("id %d", *l.ID)
	}
	return "unnamed"
}

func igArticle(g igGroup[igPage], topic string, order int, opt IntegreatOptions, rep *Report, hasChildren bool) (content.Article, bool) {
	a := content.Article{
		ID:           "integreat-page-" + g.stable,
		Topic:        topic,
		Order:        order,
		Municipality: opt.Municipality,
	}
	a.Title, a.Body, a.Summary = translations(g.records, true)
	for _, r := range g.records {
		if u := webURL(r.item.URL); u != "" && !contains(a.Sources, u) {
			a.Sources = append(a.Sources, u)
		}
		if d := igDate(r.item.LastUpdated); d > a.Updated {
			a.Updated = d
		}
	}
	if a.Body.Empty() {
		if !hasChildren {
			rep.skip(g.records[0].name, "has no content and no sub-pages")
		}
		return a, false
	}
	return a, true
}

// igDropEmptyTopics leaves out topics no article is filed under (a
// top-level page whose pages were all empty or invalid).
func igDropEmptyTopics(set *content.Set) {
	used := map[string]bool{}
	for _, a := range set.Articles {
		used[a.Topic] = true
	}
	set.Topics = filter(set.Topics, func(t content.Topic) bool { return used[t.ID] })
}

// igCategoryWords maps words in an Integreat location category's name or
// icon (in the languages regions publish in) to a category of ours. The
// first category whose word occurs wins.
var igCategoryWords = []struct {
	category string
	words    []string
}{
	{"emergency", []string{"emergency", "notfall", "akut", "nöd", "екстрен", "طوارئ"}},
	{"health", []string{"health", "gesundheit", "hälsa", "vård", "arzt", "ärzt", "doctor", "medizin", "здоров", "صح"}},
	{"language", []string{"language", "sprach", "språk", "deutschkurs", "svenska", "мов", "لغ"}},
	{"school", []string{"school", "schule", "skola", "bildung", "education", "utbildning", "школ", "освіт", "مدرس", "تعليم"}},
	{"work", []string{"work", "arbeit", "job", "beruf", "arbete", "jobb", "роб", "عمل"}},
	{"housing", []string{"housing", "wohn", "unterkunft", "bostad", "boende", "житл", "سكن"}},
	{"children", []string{"child", "kinder", "kita", "barn", "förskol", "діт", "أطفال"}},
	{"family", []string{"family", "familie", "familj", "сім", "أسر"}},
	{"money", []string{"money", "geld", "finanz", "pengar", "ekonomi", "гроші", "фінанс", "مال"}},
	{"transport", []string{"transport", "mobilität", "verkehr", "resor", "транспорт", "نقل"}},
	{"authority", []string{"authorit", "behörde", "amt", "myndighet", "rathaus", "орган", "установ", "سلط"}},
	{"rights", []string{"rights", "recht", "rättighet", "law", "juridisk", "прав", "حقوق"}},
	{"leisure", []string{"leisure", "freizeit", "fritid", "sport", "kultur", "culture", "дозвілл", "ترفيه"}},
	{"integration", []string{"integration", "migration", "meeting", "treff", "mötesplats", "інтеграц", "اندماج"}},
	{"help", []string{"advice", "beratung", "counsel", "rådgivning", "help", "hilfe", "hjälp", "консульт", "допомог", "استشار", "مساعد"}},
}

func igCategoryOf(c *igCategory) string {
	text := fold(c.Name + " " + c.Icon)
	for _, cw := range igCategoryWords {
		for _, w := range cw.words {
			if strings.Contains(text, fold(w)) {
				return cw.category
			}
		}
	}
	return ""
}
