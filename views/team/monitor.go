package team

import (
	"context"
	"fmt"
	"image"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/team"
	"salesplan/charts"
	"salesplan/data"
	"salesplan/data/teamfile"
	"salesplan/views"
)

// recentShown is how many of the latest log entries the page lists.
const recentShown = 8

// monitor is the page's part 2 monitoring: the activity log's quick entry
// and the conversion ratios, the customers' ratings and the attainment.
type monitor struct {
	v *view
	// activity quick entry: Tab moves on, Enter in any field logs it
	actDate, actRep, actKind, actCount, actCustomer, actAmount *widget.Entry
	actMsg                                                     *widget.Label
	ratios, recent, required                                   *fyne.Container
	convChart                                                  *views.ChartView
	// polls quick entry
	pollDate, pollRep, pollRating, pollScale, pollCustomer, pollComment *widget.Entry
	pollMsg                                                             *widget.Label
	pollLines                                                           *fyne.Container
	pollChart                                                           *views.ChartView
	// attainment
	attain      *fyne.Container
	attainChart *views.ChartView
	entries     int // numbers the entries not yet given an ID by the store
	// imports of files of activities and of ratings
	importActs, importPolls *importRow
}

func compareView(ps *views.PlanScreen, spec func() charts.CompareChart) *views.ChartView {
	cr := ps.Charts()
	cv := ps.NewChartView(fyne.NewSize(400, 240), nil)
	cv.SetSpec(func() views.DrawFunc {
		c := spec()
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Compare(c)
		}
	})
	return cv
}

// newMonitor builds the three cards of the monitoring.
func newMonitor(v *view) (*monitor, []fyne.CanvasObject) {
	ps := v.ps
	m := &monitor{v: v}
	entry := func(place string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(place)
		return e
	}
	m.actDate, m.actRep, m.actKind = entry("YYYY-MM-DD"), entry("e.g. Anna"), entry("visit, call, contact, proposal, order")
	m.actCount, m.actCustomer, m.actAmount = entry("e.g. 3"), entry("optional"), entry("optional")
	m.actMsg = views.NewProblemLabel()
	for _, e := range []*widget.Entry{m.actDate, m.actRep, m.actKind, m.actCount, m.actCustomer, m.actAmount} {
		e.OnSubmitted = func(string) { m.logActivity() }
	}
	m.ratios, m.recent, m.required = container.NewVBox(), container.NewVBox(), container.NewVBox()
	m.convChart = compareView(ps, func() charts.CompareChart { return model.ConversionChart(ps.Data()) })
	logBtn := widget.NewButtonWithIcon("Log", theme.ContentAddIcon(), m.logActivity)
	m.importActs = newImportRow(m, teamfile.Activities, "Import activities…")
	m.importPolls = newImportRow(m, teamfile.Polls, "Import ratings…")
	acts := widget.NewCard("Activities and conversion", "Each rep's visits, calls, contacts, proposals and orders, and what they convert into against the team",
		container.NewVBox(
			views.WrappedLabel("Type an entry and press Enter (Tab moves between the fields); it is saved at once. The rep's first letters or initials are enough, "+
				"the kind may be shortened (v, ca, co, p, o); date and rep stay for the next entry."),
			container.NewGridWithColumns(3,
				views.NewField("Date", m.actDate, "").Box, views.NewField("Rep", m.actRep, "").Box, views.NewField("Kind", m.actKind, "").Box,
				views.NewField("Count", m.actCount, "").Box, views.NewField("Customer", m.actCustomer, "").Box, views.NewField("Amount", m.actAmount, "").Box),
			container.NewHBox(logBtn, ps.SaveTableButton("activities")), m.actMsg,
			views.WrappedLabel("Or import a CSV or Excel file with the columns date, rep, kind and count (optional: customer, amount, product group); "+
				"every row is checked and nothing is imported while a row is wrong."),
			m.importActs.box, m.recent, views.Bold("Conversion ratios"), m.ratios, m.convChart,
			views.Bold("Activity the quotas need (the funnel worked backwards)"), m.required))

	m.pollDate, m.pollRep, m.pollRating = entry("YYYY-MM-DD"), entry("e.g. Anna"), entry("1–5, or 0–10 on scale 10")
	m.pollScale, m.pollCustomer, m.pollComment = entry("5"), entry("optional"), entry("optional")
	m.pollMsg = views.NewProblemLabel()
	for _, e := range []*widget.Entry{m.pollDate, m.pollRep, m.pollRating, m.pollScale, m.pollCustomer, m.pollComment} {
		e.OnSubmitted = func(string) { m.logPoll() }
	}
	m.pollLines = container.NewVBox()
	m.pollChart = ps.NewMonthlyChartView(fyne.NewSize(400, 200), func() charts.MonthlyChart { return model.PollChart(ps.Data()) })
	pollBtn := widget.NewButtonWithIcon("Add rating", theme.ContentAddIcon(), m.logPoll)
	polls := widget.NewCard("Customer opinion polls", "The customers' ratings of the salespeople after a contact: averages and trend per rep",
		container.NewVBox(
			container.NewGridWithColumns(3,
				views.NewField("Date", m.pollDate, "").Box, views.NewField("Rep", m.pollRep, "").Box, views.NewField("Rating", m.pollRating, "").Box,
				views.NewField("Scale (5 or 10)", m.pollScale, "").Box, views.NewField("Customer", m.pollCustomer, "").Box, views.NewField("Comment", m.pollComment, "").Box),
			container.NewHBox(pollBtn, ps.SaveTableButton("polls")), m.pollMsg,
			views.WrappedLabel("Or import a file with the columns date, rep and rating (optional: customer, scale 5 or 10, comment)."),
			m.importPolls.box, m.pollLines, m.pollChart))

	m.attain = container.NewVBox()
	m.attainChart = compareView(ps, func() charts.CompareChart { return model.AttainmentChart(ps.Data()) })
	attain := widget.NewCard("Quota attainment", "Actual sales of the plan months against each rep's quota, month by month",
		container.NewVBox(m.attain, m.attainChart))
	m.defaults()
	m.refresh()
	return m, []fyne.CanvasObject{acts, polls, attain}
}

// defaults fills the dates with the plan's first day (or the last date
// logged) when empty.
func (m *monitor) defaults() {
	pd, c := m.v.data()
	date := pd.Plan.Start.Time().Format(model.DateLayout)
	if n := len(c.Activities); n > 0 {
		date = c.Activities[n-1].Date
	}
	if m.actDate.Text == "" {
		m.actDate.SetText(date)
	}
	if m.pollDate.Text == "" {
		m.pollDate.SetText(date)
	}
}

// logActivity checks the entry and, when it is fine, adds it to the log
// at once and stores it through the bridge (the page never waits).
func (m *monitor) logActivity() {
	pd, c := m.v.data()
	a := model.Activity{PlanID: pd.Plan.ID, Date: strings.TrimSpace(m.actDate.Text), Customer: m.actCustomer.Text}
	var problems []string
	if r, msg := c.FindRep(m.actRep.Text); r != nil {
		a.RepIDs = []string{r.ID}
	} else {
		problems = append(problems, msg)
	}
	if k, ok := model.ParseKind(m.actKind.Text); ok {
		a.Kind = k
	} else {
		problems = append(problems, model.KindProblem(m.actKind.Text))
	}
	if t := strings.TrimSpace(m.actCount.Text); t == "" {
		a.Count = 1
	} else if n, err := strconv.Atoi(t); err != nil {
		problems = append(problems, fmt.Sprintf("“%s” is not a whole number; enter how many there were, e.g. 3.", t))
	} else {
		a.Count = n
	}
	if t := strings.TrimSpace(m.actAmount.Text); t != "" {
		if x, err := pd.Locale.ParseMoney(t, pd.Currency); err != nil {
			problems = append(problems, app.ErrorMessage(err))
		} else {
			a.Amount = x
		}
	}
	a.Clean()
	if a.Rep() != "" && a.Kind != "" {
		problems = append(problems, model.CheckActivity(c, pd.Plan, a)...)
	}
	if !views.ShowProblems(m.actMsg, dedupe(problems), nil) {
		return
	}
	m.entries++
	a.Entry = m.entries
	c.Activities = append(c.Activities, a)
	c.SortLog()
	row := a
	m.v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableActivities, &row) }, func(err error) {
		c := model.Of(m.v.ps.Data())
		for i := range c.Activities {
			if c.Activities[i].Entry == row.Entry && c.Activities[i].ID == "" {
				if err != nil {
					c.Activities = append(c.Activities[:i], c.Activities[i+1:]...)
				} else {
					c.Activities[i].ID = row.ID
				}
				break
			}
		}
		if err != nil {
			m.v.ps.ShowError(err)
			m.v.ps.Changed()
		}
		m.refresh()
	})
	m.actCount.SetText("")
	m.actCustomer.SetText("")
	m.actAmount.SetText("")
	m.v.ps.Changed()
	m.refresh()
	if cv := m.v.ps.Window().Canvas(); cv != nil {
		cv.Focus(m.actKind)
	}
}

func dedupe(xs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// logPoll checks a rating and adds it at once, stored through the bridge.
func (m *monitor) logPoll() {
	pd, c := m.v.data()
	q := model.Poll{PlanID: pd.Plan.ID, Date: strings.TrimSpace(m.pollDate.Text), Customer: m.pollCustomer.Text, Comment: m.pollComment.Text, Scale: model.Scale5}
	var problems []string
	if r, msg := c.FindRep(m.pollRep.Text); r != nil {
		q.RepIDs = []string{r.ID}
	} else {
		problems = append(problems, msg)
	}
	switch t := strings.TrimSpace(m.pollScale.Text); t {
	case "", "5":
	case "10":
		q.Scale = model.Scale10
	default:
		problems = append(problems, fmt.Sprintf("The scale “%s” is neither 5 (ratings 1–5) nor 10 (ratings 0–10); write 5 or 10.", t))
	}
	if n, err := strconv.Atoi(strings.TrimSpace(m.pollRating.Text)); err != nil {
		problems = append(problems, fmt.Sprintf("“%s” is not a rating; enter a whole number, e.g. 4.", strings.TrimSpace(m.pollRating.Text)))
	} else {
		q.Rating = n
	}
	q.Clean()
	if len(problems) == 0 {
		problems = model.CheckPoll(c, pd.Plan, q)
	}
	if !views.ShowProblems(m.pollMsg, dedupe(problems), nil) {
		return
	}
	c.Polls = append(c.Polls, q)
	c.SortLog()
	row := q
	m.v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TablePolls, &row) }, func(err error) {
		if err != nil {
			m.v.ps.ShowError(err)
			m.v.ps.Reload()
			return
		}
		c := model.Of(m.v.ps.Data())
		for i := range c.Polls {
			if c.Polls[i].ID == "" && c.Polls[i].Date == row.Date && c.Polls[i].Rep() == row.Rep() && c.Polls[i].Rating == row.Rating {
				c.Polls[i].ID = row.ID
				break
			}
		}
	})
	m.pollRating.SetText("")
	m.pollCustomer.SetText("")
	m.pollComment.SetText("")
	m.v.ps.Changed()
	m.refresh()
	if cv := m.v.ps.Window().Canvas(); cv != nil {
		cv.Focus(m.pollRating)
	}
}

// ratioLine is one rep's conversion in words.
func ratioLine(pd *app.PlanData, rc model.RepConversion, med model.Conversion) string {
	loc := pd.Locale
	s := fmt.Sprintf("%s: %s, %s, %s, %s, %s", rc.Name, app.Count(rc.Visits, "visit", "visits"), app.Count(rc.Calls, "call", "calls"),
		app.Count(rc.Contacts, "contact", "contacts"), app.Count(rc.Proposals, "proposal", "proposals"), app.Count(rc.Orders, "order", "orders"))
	if !rc.OK {
		return s + " — nothing logged yet."
	}
	var parts []string
	if rc.Orders > 0 && rc.Visits > 0 {
		parts = append(parts, fmt.Sprintf("%s visits per order (team median %s)", loc.Number(rc.VisitsPerOrder, 1), medText(loc, med.VisitsPerOrder, false)))
	}
	if rc.Orders > 0 && rc.Contacts > 0 {
		parts = append(parts, fmt.Sprintf("%s contacts per order (team median %s)", loc.Number(rc.ContactsPerOrder, 1), medText(loc, med.ContactsPerOrder, false)))
	}
	if rc.Proposals > 0 {
		parts = append(parts, fmt.Sprintf("%s of proposals became orders (team median %s)", loc.Percent(rc.ProposalToOrder), medText(loc, med.ProposalToOrder, true)))
	}
	if len(parts) > 0 {
		s += " — " + strings.Join(parts, "; ")
	}
	return s + "."
}

func medText(loc app.Locale, v float64, pct bool) string {
	switch {
	case math.IsNaN(v):
		return ""
	case v <= 0:
		return "–"
	case pct:
		return loc.Percent(v)
	}
	return loc.Number(v, 1)
}

// refresh shows the figures of the monitoring again.
func (m *monitor) refresh() {
	pd, c := m.v.data()
	perf := model.FiguresOf(pd).Performance
	loc, cur := pd.Locale, pd.Currency
	// recent entries, newest first
	m.recent.RemoveAll()
	if len(c.Activities) == 0 {
		m.recent.Add(views.WrappedLabel("No activities logged yet: log the first one above or import a file (from the command line too: salesplan import activities FILE --plan " + pd.Plan.ID + ")."))
	} else {
		m.recent.Add(views.Bold(fmt.Sprintf("Latest entries (%s in the log)", app.Count(len(c.Activities), "entry", "entries"))))
		for i := len(c.Activities) - 1; i >= 0 && i >= len(c.Activities)-recentShown; i-- {
			a := c.Activities[i]
			name := ""
			if r := c.Rep(a.Rep()); r != nil {
				name = r.Name
			}
			line := fmt.Sprintf("%s — %s: %s", a.Date, name, app.Count(a.Count, a.Kind, a.Kind+"s"))
			if a.Group != "" {
				line += " (" + a.Group + ")"
			}
			if a.Customer != "" {
				line += ", " + a.Customer
			}
			if a.Amount > 0 {
				line += ", " + loc.Money(a.Amount, cur)
			}
			id, what := a.ID, line
			del := views.NewIconButton(theme.DeleteIcon(), "Remove this entry", func() {
				m.v.ps.ConfirmDelete("Remove entry", what, model.TableActivities, id, func() { m.v.ps.Reload() })
			})
			if id == "" {
				del.Disable()
			}
			m.recent.Add(container.NewBorder(nil, nil, nil, del, widget.NewLabel(line)))
		}
	}
	// ratios and hints
	m.ratios.RemoveAll()
	if !perf.Conversion.OK {
		m.ratios.Add(views.WrappedLabel("The ratios appear once activities are logged."))
	} else {
		nan := math.NaN()
		m.ratios.Add(views.WrappedLabel(strings.ReplaceAll(ratioLine(pd, model.RepConversion{Name: "Team", Conversion: perf.Conversion},
			model.Conversion{VisitsPerOrder: nan, ContactsPerOrder: nan, ProposalToOrder: nan}), " (team median )", "")))
	}
	for _, rc := range perf.Conversions {
		l := views.WrappedLabel(ratioLine(pd, rc, perf.Median))
		m.ratios.Add(l)
		if len(rc.Below) > 0 {
			l.Importance = widget.WarningImportance
			l.SetText("⚠ " + l.Text + " Far below the team: " + strings.Join(rc.Below, ", ") + ".")
			for i, h := range rc.Hints {
				m.ratios.Add(views.WrappedLabel(fmt.Sprintf("    %d. %s", i+1, h.Text)))
			}
		}
	}
	if perf.Conversion.OK {
		m.ratios.Add(views.WrappedLabel(model.ConversionRule))
	}
	m.convChart.Refresh()
	m.required.RemoveAll()
	req := model.FiguresOf(pd).Required
	if len(req) == 0 {
		m.required.Add(views.WrappedLabel("No rep carries a quota yet; the quotas above decide the activity needed."))
	}
	for _, rr := range req {
		l := views.WrappedLabel(model.RequiredLine(loc, cur, rr))
		if rr.Pace == model.PaceTooFar {
			l.Importance = widget.WarningImportance
			l.SetText("⚠ " + l.Text)
		}
		m.required.Add(l)
	}
	if len(req) > 0 {
		m.required.Add(views.WrappedLabel(model.FunnelRule))
	}
	// polls
	m.pollLines.RemoveAll()
	if perf.Rating.Count == 0 {
		m.pollLines.Add(views.WrappedLabel("No ratings yet: add the customers' ratings above or import a file (from the command line too: salesplan import polls FILE --plan " + pd.Plan.ID + ")."))
	} else {
		m.pollLines.Add(views.WrappedLabel(fmt.Sprintf("Team: %s on average from %s (1–5; a 0–10 rating counts as 1 + 4 × rating ÷ 10).",
			loc.Number(perf.Rating.Average, 2), app.Count(perf.Rating.Count, "rating", "ratings"))))
		for _, rr := range perf.Ratings {
			if rr.Count == 0 {
				m.pollLines.Add(views.WrappedLabel(rr.Name + ": no ratings yet."))
				continue
			}
			s := fmt.Sprintf("%s: %s from %s", rr.Name, loc.Number(rr.Average, 2), app.Count(rr.Count, "rating", "ratings"))
			if rr.TrendOK {
				s += fmt.Sprintf(", %s in the latest month against the months before", points(loc, rr.Trend))
			}
			if rr.Last != "" {
				s += fmt.Sprintf(". Latest comment: “%s”", rr.Last)
			} else {
				s += "."
			}
			m.pollLines.Add(views.WrappedLabel(s))
		}
	}
	m.pollChart.Refresh()
	// attainment
	m.attain.RemoveAll()
	switch {
	case perf.Months == 0:
		m.attain.Add(views.WrappedLabel("No actual sales in the plan period yet: once the history has sales of the plan months (import them on step 1), " +
			"each rep's attainment shows here month by month."))
	default:
		m.attain.Add(views.WrappedLabel(fmt.Sprintf("Over %s with sales the team reached %s of its quota (%s of %s). %s",
			app.Count(perf.Months, "month", "months"), bpText(loc, perf.Team), loc.Money(perf.Team.Actual, cur), loc.Money(perf.Team.Quota, cur),
			model.AttainmentRule[perf.Basis])))
		for _, ra := range perf.Reps {
			var ms []string
			for i, a := range ra.Monthly {
				ms = append(ms, fmt.Sprintf("%s %s", loc.MonthName(perf.ActualMonths[i]), bpText(loc, a)))
			}
			m.attain.Add(views.WrappedLabel(fmt.Sprintf("%s: %s (%s of %s) — %s.", ra.Name, bpText(loc, ra.Attainment), loc.Money(ra.Actual, cur),
				loc.Money(ra.Quota, cur), strings.Join(ms, ", "))))
		}
	}
	m.attainChart.Refresh()
}

func bpText(loc app.Locale, a model.Attainment) string {
	if !a.OK {
		return "–"
	}
	return loc.Percent(float64(a.BP) / 10000)
}

func points(loc app.Locale, v float64) string {
	sign := "+"
	if v < 0 {
		sign, v = "−", -v
	}
	return sign + loc.Number(v, 2) + " points"
}
