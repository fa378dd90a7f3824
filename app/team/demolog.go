package team

import (
	"context"
	"reflect"

	"salesplan/app"
)

// demoLog is how a demo rep works in the first three months of the plan:
// per week, their visits, calls and contacts, their proposals per product
// group (the demo history's groups, in order) and the share of proposals
// that become orders.
type demoLog struct {
	visits, calls, contacts float64
	proposals, win          [4]float64
	ratings                 []int // poll ratings, one per fortnight, oldest first
}

var demoGroups = []struct {
	name     string
	avgOrder int64
}{{"Espresso machines", 240_000}, {"Grinders", 65_000}, {"Beans & supplies", 18_000}, {"Service contracts", 90_000}}

// demoLogs by rep name: Tom visits a lot and closes
// little; espresso machines convert weakly for Nikos, Tom and Lena (a
// product issue); Lena, new, starts in the plan's second month.
var demoLogs = map[string]demoLog{
	"Anna Müller":        {18, 20, 26, [4]float64{4, 3, 3, 3}, [4]float64{0.55, 0.6, 0.7, 0.6}, []int{5, 5, 4, 5, 5, 4, 5}},
	"Jonas Søndergaard":  {16, 16, 22, [4]float64{4, 3, 3, 2}, [4]float64{0.45, 0.5, 0.6, 0.5}, []int{5, 4, 4, 4, 3, 4, 3}},
	"Marta Łukasik":      {16, 24, 22, [4]float64{3, 3, 3, 2}, [4]float64{0.45, 0.5, 0.65, 0.55}, []int{4, 4, 5, 4, 4, 5, 4}},
	"Nikos Papadopoulos": {14, 18, 18, [4]float64{3, 2, 3, 2}, [4]float64{0.15, 0.45, 0.6, 0.45}, []int{4, 3, 4, 4, 4, 3, 4}},
	"Olga Smirnova":      {15, 22, 20, [4]float64{4, 3, 3, 3}, [4]float64{0.5, 0.5, 0.6, 0.5}, []int{5, 4, 5, 4, 5, 5, 4}},
	"Tom Baker":          {32, 12, 18, [4]float64{3, 3, 3, 2}, [4]float64{0.1, 0.25, 0.35, 0.3}, []int{3, 3, 4, 3, 4, 4, 4}},
	"Lena Hoffmann":      {14, 16, 16, [4]float64{2, 2, 2, 1}, [4]float64{0.1, 0.3, 0.45, 0.3}, []int{4, 3, 4, 4, 5}},
}

var demoPollComments = []string{
	"Knew the machines well and came back with the answer the next day.",
	"Friendly, but the offer took long to arrive.",
	"Helped us choose the grinder for our volume.",
	"",
	"Turned up without an appointment.",
	"Explained the service contract clearly.",
	"",
}

// demoLogRows writes three months of activities and a poll every
// fortnight for the demo reps of c (those named in demoLogs), from each
// rep's hire date on.
func demoLogRows(ctx context.Context, w app.ContentWriter, pd *app.PlanData, c *Content) error {
	p := pd.Plan
	start := p.Start.Time()
	end := p.Start.Add(3).Time()
	var acts []Activity
	var polls []Poll
	for ri, r := range c.Reps {
		d, ok := demoLogs[r.Name]
		if !ok || !inTeam(r) {
			continue
		}
		hire := day(r.HireDate)
		var carry [3]float64
		var props, won [4]float64
		weeks, fortnight := 0, 0
		for wk := start.AddDate(0, 0, ri%3); wk.Before(end); wk = wk.AddDate(0, 0, 7) {
			if wk.Before(hire) {
				continue
			}
			weeks++
			date := wk.Format(DateLayout)
			add := func(kind string, n int, group string, amount int64) {
				if n > 0 {
					acts = append(acts, Activity{PlanID: p.ID, RepIDs: []string{r.ID}, Date: date, Kind: kind, Count: n, Group: group, Amount: amount})
				}
			}
			// ramp: a rep in their first month works at half pace
			pace := 1.0
			if weeks <= 4 && r.Status == StatusOnboarding {
				pace = 0.6
			}
			for i, v := range []float64{d.visits, d.calls, d.contacts} {
				carry[i] += v * pace
				n := int(carry[i])
				carry[i] -= float64(n)
				add([]string{KindVisit, KindCall, KindContact}[i], n, "", 0)
			}
			for g, grp := range demoGroups {
				props[g] += d.proposals[g] * pace
				n := int(props[g])
				props[g] -= float64(n)
				add(KindProposal, n, grp.name, 0)
				won[g] += float64(n) * d.win[g]
				if o := int(won[g]); o > 0 {
					won[g] -= float64(o)
					add(KindOrder, o, grp.name, int64(o)*grp.avgOrder*int64(95+(weeks*7+ri*3+g)%15)/100)
				}
			}
			if weeks%2 == 1 && fortnight < len(d.ratings) {
				q := Poll{PlanID: p.ID, RepIDs: []string{r.ID}, Date: wk.AddDate(0, 0, 2).Format(DateLayout), Scale: Scale5,
					Rating: d.ratings[fortnight], Comment: demoPollComments[(fortnight+ri)%len(demoPollComments)]}
				if (fortnight+ri)%4 == 3 { // an NPS-style question now and then
					q.Scale, q.Rating = Scale10, min(10, d.ratings[fortnight]*2)
				}
				polls = append(polls, q)
				fortnight++
			}
		}
	}
	if err := saveAll(ctx, w, TableActivities, acts); err != nil {
		return err
	}
	return saveAll(ctx, w, TablePolls, polls)
}

// saveAll saves rows (a slice) in one transaction when the store can,
// else one by one.
func saveAll(ctx context.Context, w app.ContentWriter, table string, rows any) error {
	if bw, ok := w.(interface {
		SaveRows(ctx context.Context, table string, rows any) error
	}); ok {
		return bw.SaveRows(ctx, table, rows)
	}
	rv := reflect.ValueOf(rows)
	for i := 0; i < rv.Len(); i++ {
		if err := w.SaveRow(ctx, table, rv.Index(i).Addr().Interface()); err != nil {
			return err
		}
	}
	return nil
}
