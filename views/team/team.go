// Package team is the page of step 6, part 1: the roster with each
// person's details, ratings, candidate stage and onboarding checklist; the
// competency framework with the team's coverage and training needs; the
// open positions; the onboarding template and the training plan; and part
// 2: the quotas, the activity log's keyboard quick entry with the
// conversion ratios against the team, the customers' ratings and the quota
// attainment.
package team

import (
	"context"
	"fmt"
	"image"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/team"
	"salesplan/data"
	"salesplan/views"
)

// Page is step 6.
func Page(ps *views.PlanScreen) fyne.CanvasObject { return newView(ps).content }

// view holds the widgets of the team page.
type view struct {
	ps      *views.PlanScreen
	content fyne.CanvasObject

	summary   *widget.Label
	person    *widget.Select
	suggest   *fyne.Container
	editor    *fyne.Container
	newName   *widget.Entry
	addRep    *widget.Button
	addMsg    *widget.Label
	repMsg    *widget.Label
	framework *fyne.Container
	needs     *widget.Label
	chart     *views.ChartView
	positions *fyne.Container
	template  *fyne.Container
	training  *fyne.Container
	// quotas (part 2): the card, its summary and one line per rep
	quotas     *fyne.Container
	quotaSum   *widget.Label
	quotaLines map[string]*widget.Label
	quotaEdits map[string][3]*widget.Entry // ramp, potential, fixed per rep
	// quotaMonths are each rep's month entries (fixed month quotas)
	quotaMonths map[string][]*widget.Entry
	quotaMsgs   map[string]*widget.Label
	adjust      *widget.Button
	// monitoring (part 2): activities, polls, attainment
	monitor *monitor

	// the person being edited: the fields of the editor
	fields  map[string]*widget.Entry
	ratings map[string]*widget.Select
	checks  []*widget.Check
	hireOn  *widget.Entry
}

func newView(ps *views.PlanScreen) *view {
	v := &view{ps: ps}
	v.summary = views.WrappedLabel("")
	v.person = widget.NewSelect(nil, func(string) { v.buildEditor() })
	v.person.PlaceHolder = "Choose a person"
	v.suggest = container.NewVBox()
	v.editor = container.NewVBox()
	v.newName = widget.NewEntry()
	v.newName.SetPlaceHolder("Name of a new rep or candidate, e.g. Lena Hoffmann")
	v.addMsg = views.NewProblemLabel()
	v.repMsg = views.NewProblemLabel()
	v.addRep = widget.NewButtonWithIcon("Add rep", theme.ContentAddIcon(), func() { v.addPerson(model.StatusActive) })
	addCand := widget.NewButtonWithIcon("Add candidate", theme.ContentAddIcon(), func() { v.addPerson(model.StatusCandidate) })
	v.framework = container.NewVBox()
	v.needs = views.WrappedLabel("")
	cr := ps.Charts()
	v.chart = ps.NewChartView(fyne.NewSize(400, 220), nil)
	v.chart.SetSpec(func() views.DrawFunc {
		c := model.CoverageChart(ps.Data())
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Bars(c)
		}
	})
	v.positions = container.NewVBox()
	v.template = container.NewVBox()
	v.training = container.NewVBox()
	roster := widget.NewCard("Roster", "The salespeople and candidates: details, ratings against the framework, recruitment stage and onboarding",
		container.NewVBox(v.summary, v.suggest,
			container.NewBorder(nil, nil, nil, container.NewHBox(v.addRep, addCand), v.newName), v.addMsg,
			views.NewField("Person", v.person, "").Box, v.editor, container.NewHBox(ps.SaveTableButton("team"))))
	framework := widget.NewCard("Competency framework", "What the role needs, with the required level from 1 to 5, and how the team covers it",
		container.NewVBox(v.framework, v.chart, v.needs))
	recruit := widget.NewCard("Open positions", "Positions to fill, the month to fill them by and the recruiting cost; candidates apply to one in the roster", v.positions)
	onboard := widget.NewCard("Onboarding template", "What every new rep learns, due so many days after the hire date (longer for reps new to the industry)", v.template)
	train := widget.NewCard("Training plan", "Sessions that close the gaps: topic, competency, month, attendees and cost", v.training)
	v.quotas = container.NewVBox()
	quotas := widget.NewCard("Quotas", "The target split by experience, ramp-up, region and season, checked against each rep's last 12 months", v.quotas)
	v.buildAll()
	mon, cards := newMonitor(v)
	v.monitor = mon
	v.content = container.NewVBox(append([]fyne.CanvasObject{roster, framework, recruit, onboard, train, quotas}, cards...)...)
	return v
}

func (v *view) data() (*app.PlanData, *model.Content) {
	pd := v.ps.Data()
	return pd, model.Of(pd)
}

// buildAll rebuilds every part of the page from the content.
func (v *view) buildAll() {
	v.buildRoster()
	v.buildFramework()
	v.buildPositions()
	v.buildTemplate()
	v.buildTraining()
	v.buildQuotas()
}

func personLabel(r model.Rep) string {
	s := r.Name + " — " + model.Label(r.Status)
	if r.Status == model.StatusCandidate {
		s += ", " + r.Stage
	}
	return s
}

func (v *view) buildRoster() {
	_, c := v.data()
	v.updateSummary()
	v.suggest.RemoveAll()
	if names := c.Suggested(); len(names) > 0 {
		btn := widget.NewButton(fmt.Sprintf("Add the %d salespeople of the history", len(names)), func() { v.addFromHistory(names) })
		v.suggest.Add(container.NewBorder(nil, nil, nil, btn, views.WrappedLabel("In the sales history: "+strings.Join(names, ", ")+".")))
	}
	sel := v.selectedID()
	var opts []string
	for _, r := range c.Reps {
		opts = append(opts, personLabel(r))
	}
	v.person.Options = opts
	v.person.Refresh()
	v.selectID(sel)
}

// updateSummary says who is in the team and what they cost.
func (v *view) updateSummary() {
	pd, c := v.data()
	f := model.FiguresOf(pd)
	var salaries int64
	for _, x := range f.Salaries {
		salaries += x
	}
	switch {
	case len(c.Reps) == 0:
		v.summary.SetText("No one in the team yet. Add the salespeople who will sell in the plan period, or take those of the sales history.")
	default:
		s := fmt.Sprintf("%d in the team (active or onboarding), %d candidates; salaries over the plan period: %s.", f.Team, len(f.Fits),
			pd.Locale.Money(salaries, pd.Currency))
		if len(f.Unrated) > 0 {
			s += " Still to rate on every competency: " + strings.Join(f.Unrated, ", ") + "."
		}
		v.summary.SetText(s)
	}
}

// selectedID is the ID of the person chosen in the selector.
func (v *view) selectedID() string {
	_, c := v.data()
	i := v.person.SelectedIndex()
	if i < 0 || i >= len(c.Reps) {
		return ""
	}
	return c.Reps[i].ID
}

func (v *view) selectID(id string) {
	_, c := v.data()
	for i, r := range c.Reps {
		if r.ID == id {
			v.person.SetSelectedIndex(i) // builds the editor
			return
		}
	}
	if len(c.Reps) > 0 {
		v.person.SetSelectedIndex(0)
		return
	}
	v.person.ClearSelected()
	v.editor.RemoveAll()
}

// addPerson stores a new rep (active, hired at the plan's start) or a
// candidate and chooses them.
func (v *view) addPerson(status string) {
	pd, c := v.data()
	name := strings.TrimSpace(v.newName.Text)
	var problems []string
	if msg := c.CheckName("", name); msg != "" {
		problems = append(problems, msg)
	}
	r := model.Rep{PlanID: pd.Plan.ID, Name: name, Status: status}
	if status == model.StatusActive {
		r.HireDate = pd.Plan.Start.Time().Format(model.DateLayout)
	}
	r.Clean()
	if !views.ShowProblems(v.addMsg, problems, r.Validate()) {
		return
	}
	v.insert(model.TableReps, &r, func() {
		c := model.Of(v.ps.Data())
		c.Reps = append(c.Reps, r)
		v.newName.SetText("")
		v.afterChange()
		v.selectID(r.ID)
	})
}

// addFromHistory stores the history's salespeople as active reps.
func (v *view) addFromHistory(names []string) {
	pd := v.ps.Data()
	var rows []model.Rep
	for _, n := range names {
		r := model.FromHistory(n)
		r.PlanID, r.HireDate = pd.Plan.ID, pd.Plan.Start.Time().Format(model.DateLayout)
		rows = append(rows, r)
	}
	v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRows(ctx, model.TableReps, rows) }, func(err error) {
		if err != nil {
			v.ps.ShowError(err)
			return
		}
		c := model.Of(v.ps.Data())
		c.Reps = append(c.Reps, rows...)
		v.afterChange()
	})
}

// insert stores a new row through the bridge, then runs done.
func (v *view) insert(table string, row any, done func()) {
	v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, table, row) }, func(err error) {
		if err != nil {
			v.ps.ShowError(err)
			return
		}
		done()
	})
}

// afterChange recomputes the figures and refreshes what shows them.
func (v *view) afterChange() {
	v.ps.Changed()
	v.buildRoster()
	v.buildQuotas()
	v.refreshFigures()
}

// refreshFigures updates the parts that show figures only.
func (v *view) refreshFigures() {
	pd, _ := v.data()
	f := model.FiguresOf(pd)
	if len(f.Needs) == 0 {
		v.needs.SetText("No training needs: every rated rep meets the required levels.")
	} else {
		var parts []string
		for _, n := range f.Needs {
			parts = append(parts, fmt.Sprintf("%s: %s (%d levels short)", n.Competency, strings.Join(n.People, ", "), n.Levels))
		}
		v.needs.SetText("Training needs — " + strings.Join(parts, "; ") + ".")
	}
	v.chart.Refresh()
	v.refreshQuotaLines()
	if v.monitor != nil {
		v.monitor.refresh()
	}
}

// saveRep validates the edited copy of person id and saves it, or shows
// what is wrong next to the editor and keeps the stored row.
func (v *view) saveRep(id string, edit func(r *model.Rep) []string) bool {
	_, c := v.data()
	cur := c.Rep(id)
	if cur == nil {
		return false
	}
	next := *cur
	next.Ratings = map[string]int{}
	for k, x := range cur.Ratings {
		next.Ratings[k] = x
	}
	next.Onboarding = append([]model.Task(nil), cur.Onboarding...)
	problems := edit(&next)
	if msg := c.CheckName(id, next.Name); msg != "" {
		problems = append(problems, msg)
	}
	if !views.ShowProblems(v.repMsg, problems, next.Validate()) {
		return false
	}
	next.Clean()
	*cur = next
	row := next
	v.ps.Save("team-rep-"+id, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableReps, &row) })
	v.ps.Changed()
	v.updateSummary()
	v.refreshFigures()
	return true
}

func selectOf(options []string, sel string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, nil)
	s.SetSelected(sel)
	s.OnChanged = changed
	return s
}

// buildEditor shows the chosen person.
func (v *view) buildEditor() {
	v.editor.RemoveAll()
	v.repMsg.Hide()
	pd, c := v.data()
	id := v.selectedID()
	r := c.Rep(id)
	if r == nil {
		return
	}
	loc, cur := pd.Locale, pd.Currency
	v.fields = map[string]*widget.Entry{}
	entry := func(key, text, placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.SetPlaceHolder(placeholder)
		v.fields[key] = e
		return e
	}
	name := entry("name", r.Name, "Full name")
	region := entry("region", r.Region, "e.g. North")
	hire := entry("hire", r.HireDate, "YYYY-MM-DD")
	leave := entry("leave", r.LeaveDate, "Empty: stays")
	cost := entry("cost", loc.Money(r.MonthlyCost, cur), "e.g. 6,000.00")
	read := func(n *model.Rep) []string {
		var problems []string
		n.Name, n.Region, n.HireDate, n.LeaveDate = name.Text, region.Text, strings.TrimSpace(hire.Text), strings.TrimSpace(leave.Text)
		if strings.TrimSpace(cost.Text) == "" {
			n.MonthlyCost = 0
		} else if m, err := loc.ParseMoney(cost.Text, cur); err != nil {
			problems = append(problems, app.ErrorMessage(err))
		} else {
			n.MonthlyCost = m
		}
		return problems
	}
	onText := func(string) {
		if v.saveRep(id, read) {
			v.relabel(id)
		}
	}
	for _, e := range []*widget.Entry{name, region, hire, leave, cost} {
		e.OnChanged = onText
	}
	level := selectOf(model.Levels, r.Level, func(s string) { v.saveRep(id, func(n *model.Rep) []string { n.Level = s; return read(n) }) })
	status := selectOf(model.Statuses, r.Status, func(s string) {
		if v.saveRep(id, func(n *model.Rep) []string { n.Status = s; return read(n) }) {
			v.relabel(id)
			v.buildEditor()
		}
	})
	grid := container.NewGridWithColumns(4,
		views.NewField("Name", name, "").Box, views.NewField("Region", region, "").Box,
		views.NewField("Experience", level, "").Box, views.NewField("Status", status, "").Box,
		views.NewField("Hire date", hire, "").Box, views.NewField("Leave date", leave, "").Box,
		views.NewField("Monthly cost", cost, "Salary and costs of employment").Box,
		views.NewField("In the plan", widget.NewLabel(loc.Money(sum(model.FiguresOf(pd).SalaryByRep[id]), cur)), "").Box)
	v.editor.Add(grid)
	v.editor.Add(v.repMsg)
	// ratings
	v.ratings = map[string]*widget.Select{}
	if len(c.Competencies) == 0 {
		v.editor.Add(views.WrappedLabel("Add the competency framework below to rate this person."))
	} else {
		opts := []string{"Not rated", "1", "2", "3", "4", "5"}
		var cells []fyne.CanvasObject
		for _, k := range c.Competencies {
			k := k
			sel := "Not rated"
			if x, ok := r.Ratings[k.Name]; ok {
				sel = strconv.Itoa(x)
			}
			s := selectOf(opts, sel, func(s string) {
				v.saveRep(id, func(n *model.Rep) []string {
					if lv, err := strconv.Atoi(s); err == nil {
						n.Ratings[k.Name] = lv
					} else {
						delete(n.Ratings, k.Name)
					}
					return read(n)
				})
			})
			v.ratings[k.Name] = s
			cells = append(cells, views.NewField(fmt.Sprintf("%s (needs %d)", k.Name, k.Required), s, "").Box)
		}
		v.editor.Add(views.Bold("Ratings from 1 to 5"))
		v.editor.Add(container.NewGridWithColumns(3, cells...))
	}
	switch r.Status {
	case model.StatusCandidate:
		v.buildCandidate(id)
	case model.StatusOnboarding:
		v.buildChecklist(id)
	}
	del := widget.NewButtonWithIcon("Remove "+r.Name, theme.DeleteIcon(), func() {
		v.ps.ConfirmDelete("Remove person", r.Name, model.TableReps, id, func() { v.ps.Reload() })
	})
	del.Importance = widget.DangerImportance
	v.editor.Add(container.NewHBox(del))
}

func sum(xs []int64) int64 {
	var t int64
	for _, x := range xs {
		t += x
	}
	return t
}

// relabel updates the selector's label of person id.
func (v *view) relabel(id string) {
	_, c := v.data()
	for i, r := range c.Reps {
		if r.ID == id && i < len(v.person.Options) {
			if v.person.Selected == v.person.Options[i] {
				v.person.Selected = personLabel(r) // without OnChanged: the editor stays
			}
			v.person.Options[i] = personLabel(r)
			v.person.Refresh()
		}
	}
}

// buildCandidate shows a candidate's position, stage, fit and the steps
// to move them on: the next stage, reject, hire.
func (v *view) buildCandidate(id string) {
	pd, c := v.data()
	r := c.Rep(id)
	titles := []string{"No position"}
	sel := "No position"
	for _, p := range c.Positions {
		titles = append(titles, p.Title)
		if len(r.PositionIDs) > 0 && r.PositionIDs[0] == p.ID {
			sel = p.Title
		}
	}
	pos := selectOf(titles, sel, func(s string) {
		v.saveRep(id, func(n *model.Rep) []string {
			n.PositionIDs = nil
			for _, p := range c.Positions {
				if p.Title == s {
					n.PositionIDs = []string{p.ID}
				}
			}
			return nil
		})
		v.buildEditor()
	})
	fit := ""
	for _, f := range model.FiguresOf(pd).Fits {
		if f.Rep == id {
			fit = fmt.Sprintf("Fit with the profile: %s", pd.Locale.Percent(f.Score))
			if f.Unrated > 0 {
				fit += fmt.Sprintf(" (%d of its competencies not rated yet)", f.Unrated)
			}
			fit += "."
		}
	}
	stage := widget.NewLabel("Stage: " + model.Label(r.Stage))
	next := model.NextStage(r.Stage)
	nextBtn := widget.NewButton("Move to "+next, func() {
		if v.saveRep(id, func(n *model.Rep) []string { n.Stage = next; return nil }) {
			v.relabel(id)
			v.buildEditor()
		}
	})
	if next == "" || r.Stage == model.StageRejected {
		nextBtn.Hide()
	}
	reject := widget.NewButton("Reject", func() {
		if v.saveRep(id, func(n *model.Rep) []string { n.Stage = model.StageRejected; return nil }) {
			v.relabel(id)
			v.buildEditor()
		}
	})
	if r.Stage == model.StageRejected {
		reject.SetText("Back to interview")
		reject.OnTapped = func() {
			if v.saveRep(id, func(n *model.Rep) []string { n.Stage = model.StageInterview; return nil }) {
				v.relabel(id)
				v.buildEditor()
			}
		}
	}
	v.hireOn = widget.NewEntry()
	v.hireOn.SetPlaceHolder("Hire date, YYYY-MM-DD")
	hireMsg := views.NewProblemLabel()
	hire := widget.NewButton("Hire", func() { v.hire(id, hireMsg) })
	hire.Importance = widget.HighImportance
	if r.Stage != model.StageOffer {
		hire.Disable()
	}
	v.editor.Add(views.Bold("Recruitment"))
	v.editor.Add(container.NewGridWithColumns(2, views.NewField("Applies for", pos, "").Box, views.WrappedLabel(fit)))
	v.editor.Add(container.NewHBox(stage, nextBtn, reject))
	v.editor.Add(container.NewBorder(nil, nil, nil, hire, v.hireOn))
	v.editor.Add(hireMsg)
}

// hire makes candidate id a rep in onboarding with the checklist.
func (v *view) hire(id string, msg *widget.Label) {
	pd, c := v.data()
	r := c.Rep(id)
	if r == nil {
		return
	}
	next, problem := model.Hire(c, pd.Plan, *r, v.hireOn.Text)
	var problems []string
	if problem != "" {
		problems = append(problems, problem)
	}
	if !views.ShowProblems(msg, problems, next.Validate()) {
		return
	}
	if v.saveRep(id, func(n *model.Rep) []string { *n = next; return nil }) {
		v.relabel(id)
		v.buildEditor()
	}
}

// buildChecklist shows an onboarding rep's checklist to tick, or offers to
// start it.
func (v *view) buildChecklist(id string) {
	_, c := v.data()
	r := c.Rep(id)
	v.editor.Add(views.Bold("Onboarding"))
	v.checks = nil
	if len(r.Onboarding) == 0 {
		start := widget.NewButton("Start the onboarding checklist", func() {
			v.saveRep(id, func(n *model.Rep) []string {
				t, err := model.ParseDate(n.HireDate)
				if err != nil {
					return []string{"Enter the hire date first, e.g. 2027-02-01; the checklist's due dates count from it."}
				}
				n.Onboarding = model.Checklist(c.TemplateOf(), t, n.Level)
				return nil
			})
			v.buildEditor()
		})
		v.editor.Add(container.NewHBox(start))
		return
	}
	done := 0
	for _, t := range r.Onboarding {
		if t.Done {
			done++
		}
	}
	progress := widget.NewLabel(fmt.Sprintf("%d of %d done.", done, len(r.Onboarding)))
	v.editor.Add(progress)
	var cells []fyne.CanvasObject
	for i, t := range r.Onboarding {
		i := i
		ch := widget.NewCheck(t.Title+" — by "+t.Due, nil)
		ch.SetChecked(t.Done)
		ch.OnChanged = func(on bool) {
			v.saveRep(id, func(n *model.Rep) []string { n.Onboarding[i].Done = on; return nil })
			k := 0
			for _, t := range c.Rep(id).Onboarding {
				if t.Done {
					k++
				}
			}
			progress.SetText(fmt.Sprintf("%d of %d done.", k, len(r.Onboarding)))
		}
		v.checks = append(v.checks, ch)
		cells = append(cells, ch)
	}
	v.editor.Add(container.NewGridWithColumns(2, cells...))
}

// buildFramework shows the competencies with their required level.
func (v *view) buildFramework() {
	v.framework.RemoveAll()
	pd, c := v.data()
	if len(c.Competencies) == 0 {
		btn := widget.NewButton("Use the default framework", func() {
			rows := append([]model.Competency(nil), model.DefaultCompetencies...)
			for i := range rows {
				rows[i].PlanID = pd.Plan.ID
			}
			v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRows(ctx, model.TableCompetencies, rows) }, func(err error) {
				if err != nil {
					v.ps.ShowError(err)
					return
				}
				model.Of(v.ps.Data()).Competencies = rows
				v.afterChange()
				v.buildFramework()
			})
		})
		v.framework.Add(container.NewBorder(nil, nil, nil, btn,
			views.WrappedLabel("No competencies yet. Start from a default set of eight sales competencies and adjust it, or add your own.")))
	}
	levels := []string{"1", "2", "3", "4", "5"}
	var cells []fyne.CanvasObject
	for _, k := range c.Competencies {
		id := k.ID
		name := widget.NewEntry()
		name.SetText(k.Name)
		msg := views.NewProblemLabel()
		req := widget.NewSelect(levels, nil)
		req.SetSelected(strconv.Itoa(k.Required))
		save := func() {
			c := model.Of(v.ps.Data())
			var cur *model.Competency
			for i := range c.Competencies {
				if c.Competencies[i].ID == id {
					cur = &c.Competencies[i]
				}
			}
			if cur == nil {
				return
			}
			next := *cur
			next.Name = strings.TrimSpace(name.Text)
			next.Required, _ = strconv.Atoi(req.Selected)
			var problems []string
			if m := c.CheckCompetencyName(id, next.Name); m != "" {
				problems = append(problems, m)
			}
			if next.Name != cur.Name && ratedOn(c, cur.Name) {
				problems = append(problems, "People are rated on "+cur.Name+"; add a new competency instead of renaming this one, so their ratings stay right.")
			}
			if !views.ShowProblems(msg, problems, next.Validate()) {
				return
			}
			*cur = next
			row := next
			v.ps.Save("team-comp-"+id, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableCompetencies, &row) })
			v.afterChange()
		}
		name.OnChanged = func(string) { save() }
		req.OnChanged = func(string) { save() }
		kname := k.Name
		del := views.NewIconButton(theme.DeleteIcon(), "Remove this competency", func() {
			v.ps.ConfirmDelete("Remove competency", kname, model.TableCompetencies, id, func() { v.ps.Reload() })
		})
		cells = append(cells, container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(req, del), name), msg))
	}
	if len(cells) > 0 {
		v.framework.Add(container.NewGridWithColumns(2, cells...))
	}
	newName := widget.NewEntry()
	newName.SetPlaceHolder("New competency, e.g. Key account planning")
	addMsg := views.NewProblemLabel()
	add := widget.NewButtonWithIcon("Add competency", theme.ContentAddIcon(), func() {
		c := model.Of(v.ps.Data())
		k := model.Competency{PlanID: pd.Plan.ID, Name: strings.TrimSpace(newName.Text), Required: 3}
		var problems []string
		if m := c.CheckCompetencyName("", k.Name); m != "" {
			problems = append(problems, m)
		}
		if !views.ShowProblems(addMsg, problems, k.Validate()) {
			return
		}
		v.insert(model.TableCompetencies, &k, func() {
			c := model.Of(v.ps.Data())
			c.Competencies = append(c.Competencies, k)
			v.afterChange()
			v.buildFramework()
		})
	})
	v.framework.Add(container.NewBorder(nil, nil, nil, add, newName))
	v.framework.Add(addMsg)
	v.refreshFigures()
}

func ratedOn(c *model.Content, name string) bool {
	for _, r := range c.Reps {
		if _, ok := r.Ratings[name]; ok {
			return true
		}
	}
	return false
}

// buildPositions shows the open positions.
func (v *view) buildPositions() {
	v.positions.RemoveAll()
	pd, c := v.data()
	loc, cur := pd.Locale, pd.Currency
	for _, p := range c.Positions {
		id := p.ID
		title, region, month, cost := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
		title.SetText(p.Title)
		region.SetText(p.Region)
		month.SetText(p.Month.String())
		cost.SetText(loc.Money(p.Cost, cur))
		msg := views.NewProblemLabel()
		save := func(string) {
			c := model.Of(v.ps.Data())
			cp := c.PositionByID(id)
			if cp == nil {
				return
			}
			next := *cp
			next.Title, next.Region = title.Text, region.Text
			var problems []string
			if m, err := app.ParseMonth(strings.TrimSpace(month.Text)); err != nil {
				problems = append(problems, app.ErrorMessage(err))
			} else {
				next.Month = m
			}
			if x, err := loc.ParseMoney(cost.Text, cur); err != nil && strings.TrimSpace(cost.Text) != "" {
				problems = append(problems, app.ErrorMessage(err))
			} else {
				next.Cost = x
			}
			if !views.ShowProblems(msg, problems, next.Validate()) {
				return
			}
			next.Clean()
			*cp = next
			row := next
			v.ps.Save("team-pos-"+id, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TablePositions, &row) })
			v.afterChange()
		}
		for _, e := range []*widget.Entry{title, region, month, cost} {
			e.OnChanged = save
		}
		var cands []string
		for _, f := range model.FiguresOf(pd).Fits {
			if f.Position == p.Title {
				cands = append(cands, fmt.Sprintf("%s (%s, fit %s)", f.Name, f.Stage, loc.Percent(f.Score)))
			}
		}
		candText := "No candidates yet: add one in the roster."
		if len(cands) > 0 {
			candText = "Candidates: " + strings.Join(cands, "; ") + "."
		}
		v.positions.Add(container.NewGridWithColumns(4, views.NewField("Position", title, "").Box, views.NewField("Region", region, "").Box,
			views.NewField("Fill by (YYYY-MM)", month, "").Box, views.NewField("Recruiting cost", cost, "").Box))
		profile := v.profileEditor(id)
		ptitle := p.Title
		del := widget.NewButtonWithIcon("Remove position", theme.DeleteIcon(), func() {
			v.ps.ConfirmDelete("Remove position", ptitle, model.TablePositions, id, func() { v.ps.Reload() })
		})
		v.positions.Add(msg)
		if profile != nil {
			v.positions.Add(profile)
		}
		v.positions.Add(container.NewBorder(nil, nil, nil, del, views.WrappedLabel(candText)))
	}
	newTitle := widget.NewEntry()
	newTitle.SetPlaceHolder("New position, e.g. Sales rep West")
	addMsg := views.NewProblemLabel()
	add := widget.NewButtonWithIcon("Add position", theme.ContentAddIcon(), func() {
		p := model.OpenPosition{PlanID: pd.Plan.ID, Title: strings.TrimSpace(newTitle.Text), Month: pd.Plan.Start}
		if !views.ShowProblems(addMsg, nil, p.Validate()) {
			return
		}
		v.insert(model.TablePositions, &p, func() {
			c := model.Of(v.ps.Data())
			c.Positions = append(c.Positions, p)
			v.afterChange()
			v.buildPositions()
		})
	})
	v.positions.Add(container.NewBorder(nil, nil, nil, add, newTitle))
	v.positions.Add(addMsg)
}

// buildTemplate shows the onboarding template: the default until the
// user customises it.
func (v *view) buildTemplate() {
	v.template.RemoveAll()
	pd, c := v.data()
	if len(c.Template) == 0 {
		var lines []string
		for _, o := range model.DefaultTemplate {
			lines = append(lines, fmt.Sprintf("%s (day %d, %d for reps new to the industry)", o.Title, o.Days, o.DaysNew))
		}
		btn := widget.NewButton("Customise the template", func() {
			rows := append([]model.OnboardingItem(nil), model.DefaultTemplate...)
			for i := range rows {
				rows[i].PlanID = pd.Plan.ID
			}
			v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRows(ctx, model.TableTemplate, rows) }, func(err error) {
				if err != nil {
					v.ps.ShowError(err)
					return
				}
				model.Of(v.ps.Data()).Template = rows
				v.buildTemplate()
			})
		})
		v.template.Add(views.WrappedLabel("The default checklist: " + strings.Join(lines, "; ") + "."))
		v.template.Add(container.NewHBox(btn))
		return
	}
	v.template.Add(container.NewBorder(nil, nil, nil, fixedPair(views.Bold("Days after hire"), views.Bold("New to the industry")),
		views.Bold("What the new rep learns")))
	for _, o := range c.Template {
		id := o.ID
		title, days, daysNew := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
		title.SetText(o.Title)
		days.SetText(strconv.Itoa(o.Days))
		daysNew.SetText(strconv.Itoa(o.DaysNew))
		msg := views.NewProblemLabel()
		save := func(string) {
			c := model.Of(v.ps.Data())
			var cur *model.OnboardingItem
			for i := range c.Template {
				if c.Template[i].ID == id {
					cur = &c.Template[i]
				}
			}
			if cur == nil {
				return
			}
			next := *cur
			next.Title = title.Text
			var problems []string
			for _, f := range []struct {
				e   *widget.Entry
				dst *int
			}{{days, &next.Days}, {daysNew, &next.DaysNew}} {
				n, err := strconv.Atoi(strings.TrimSpace(f.e.Text))
				if err != nil {
					problems = append(problems, "Write the days after the hire date as a whole number, e.g. 10.")
					continue
				}
				*f.dst = n
			}
			if !views.ShowProblems(msg, problems, next.Validate()) {
				return
			}
			next.Clean()
			*cur = next
			row := next
			v.ps.Save("team-tpl-"+id, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableTemplate, &row) })
		}
		for _, e := range []*widget.Entry{title, days, daysNew} {
			e.OnChanged = save
		}
		v.template.Add(container.NewBorder(nil, nil, nil, fixedPair(days, daysNew), title))
		v.template.Add(msg)
	}
	newItem := widget.NewEntry()
	newItem.SetPlaceHolder("New item, e.g. Ride along with a senior rep")
	addMsg := views.NewProblemLabel()
	add := widget.NewButtonWithIcon("Add item", theme.ContentAddIcon(), func() {
		o := model.OnboardingItem{PlanID: pd.Plan.ID, Title: strings.TrimSpace(newItem.Text), Days: 30, DaysNew: 45}
		if !views.ShowProblems(addMsg, nil, o.Validate()) {
			return
		}
		v.insert(model.TableTemplate, &o, func() {
			c := model.Of(v.ps.Data())
			c.Template = append(c.Template, o)
			v.buildTemplate()
		})
	})
	v.template.Add(container.NewBorder(nil, nil, nil, add, newItem))
	v.template.Add(addMsg)
	v.template.Add(views.WrappedLabel("Changes apply to checklists started from now on; checklists already started keep their items."))
}

// buildTraining shows the sessions and a form to plan one.
func (v *view) buildTraining() {
	v.training.RemoveAll()
	pd, c := v.data()
	loc, cur := pd.Locale, pd.Currency
	for _, t := range c.Trainings {
		id := t.ID
		done := widget.NewCheck("Done", nil)
		done.SetChecked(t.Done)
		done.OnChanged = func(on bool) { v.markDone(id, on) }
		line := fmt.Sprintf("%s — %s (%s): %s; %s.", loc.MonthName(t.Month), t.Topic, app.OrDash(t.Competency),
			strings.Join(c.Names(t.Attendees), ", "), loc.Money(t.Cost, cur))
		topic := t.Topic
		del := views.NewIconButton(theme.DeleteIcon(), "Remove this training session", func() {
			v.ps.ConfirmDelete("Remove session", topic, model.TableTrainings, id, func() { v.ps.Reload() })
		})
		v.training.Add(container.NewBorder(nil, nil, nil, container.NewHBox(done, del), views.WrappedLabel(line)))
	}
	topic, month, cost := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	topic.SetPlaceHolder("Topic, e.g. Negotiating with hotel chains")
	month.SetPlaceHolder("YYYY-MM")
	month.SetText(pd.Plan.Start.String())
	cost.SetPlaceHolder("e.g. 1,200.00")
	comps := []string{"No competency"}
	for _, k := range c.Competencies {
		comps = append(comps, k.Name)
	}
	comp := widget.NewSelect(comps, nil)
	comp.SetSelected(comps[0])
	var names, ids []string
	for _, r := range c.Reps {
		if r.Status == model.StatusActive || r.Status == model.StatusOnboarding {
			names, ids = append(names, r.Name), append(ids, r.ID)
		}
	}
	var att []*widget.Check
	var attCells []fyne.CanvasObject
	for _, n := range names {
		ch := widget.NewCheck(n, nil)
		att = append(att, ch)
		attCells = append(attCells, ch)
	}
	msg := views.NewProblemLabel()
	add := widget.NewButtonWithIcon("Add session", theme.ContentAddIcon(), func() {
		t := model.Training{PlanID: pd.Plan.ID, Topic: topic.Text}
		if comp.SelectedIndex() > 0 {
			t.Competency = comp.Selected
		}
		var problems []string
		if m, err := app.ParseMonth(strings.TrimSpace(month.Text)); err != nil {
			problems = append(problems, app.ErrorMessage(err))
		} else {
			t.Month = m
		}
		if x, err := loc.ParseMoney(cost.Text, cur); err != nil && strings.TrimSpace(cost.Text) != "" {
			problems = append(problems, app.ErrorMessage(err))
		} else {
			t.Cost = x
		}
		for i, ch := range att {
			if ch.Checked {
				t.Attendees = append(t.Attendees, ids[i])
			}
		}
		if !views.ShowProblems(msg, problems, t.Validate()) {
			return
		}
		t.Clean()
		v.insert(model.TableTrainings, &t, func() {
			c := model.Of(v.ps.Data())
			c.Trainings = append(c.Trainings, t)
			v.afterChange()
			v.buildTraining()
		})
	})
	v.training.Add(views.Bold("Plan a session"))
	v.training.Add(container.NewGridWithColumns(4, views.NewField("Topic", topic, "").Box, views.NewField("Competency", comp, "").Box,
		views.NewField("Month", month, "").Box, views.NewField("Cost", cost, "").Box))
	v.training.Add(views.Bold("Attendees"))
	v.training.Add(container.NewGridWithColumns(3, attCells...))
	v.training.Add(container.NewHBox(add))
	v.training.Add(msg)
}

// markDone saves a session's state; marking it done offers to raise the
// attendees' ratings of its competency by one level.
func (v *view) markDone(id string, on bool) {
	c := model.Of(v.ps.Data())
	var t *model.Training
	for i := range c.Trainings {
		if c.Trainings[i].ID == id {
			t = &c.Trainings[i]
		}
	}
	if t == nil {
		return
	}
	t.Done = on
	row := *t
	v.ps.Save("team-train-"+id, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableTrainings, &row) })
	v.ps.Changed()
	if !on {
		return
	}
	raised := model.RaiseAfterTraining(c, row)
	if len(raised) == 0 {
		return
	}
	var who []string
	for _, r := range raised {
		who = append(who, fmt.Sprintf("%s to %d", r.Name, r.Ratings[row.Competency]))
	}
	dialog.ShowConfirm("Raise the ratings?", fmt.Sprintf("The session on %s is done. Raise the attendees' rating of %s by one level: %s?",
		row.Topic, row.Competency, strings.Join(who, ", ")), func(ok bool) {
		if ok {
			v.applyRaise(raised)
		}
	}, v.ps.Window())
}

// applyRaise saves the raised ratings.
func (v *view) applyRaise(raised []model.Rep) {
	c := model.Of(v.ps.Data())
	for _, r := range raised {
		if cur := c.Rep(r.ID); cur != nil {
			*cur = r
			row := r
			v.ps.Save("team-rep-"+r.ID, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableReps, &row) })
		}
	}
	v.afterChange()
}

// fixedPair puts two objects side by side, 160 px each.
func fixedPair(a, b fyne.CanvasObject) fyne.CanvasObject {
	h := max(a.MinSize().Height, b.MinSize().Height)
	return container.NewHBox(container.NewGridWrap(fyne.NewSize(160, h), a), container.NewGridWrap(fyne.NewSize(160, h), b))
}

// profileEditor edits the levels position id needs, per competency of the
// framework ("Not needed" leaves one out); until it is edited the position
// needs the framework's levels.
func (v *view) profileEditor(id string) fyne.CanvasObject {
	_, c := v.data()
	p := c.PositionByID(id)
	if p == nil || len(c.Competencies) == 0 {
		return nil
	}
	levels := map[string]int{}
	for _, r := range c.ProfileOf(p) {
		levels[r.Competency] = r.Level
	}
	opts := []string{"Not needed", "1", "2", "3", "4", "5"}
	var cells []fyne.CanvasObject
	var sels []*widget.Select
	for _, k := range c.Competencies {
		sel := "Not needed"
		if lv, ok := levels[k.Name]; ok {
			sel = strconv.Itoa(lv)
		}
		s := widget.NewSelect(opts, nil)
		s.SetSelected(sel)
		sels = append(sels, s)
		cells = append(cells, views.NewField(k.Name, s, "").Box)
	}
	msg := views.NewProblemLabel()
	changed := func(string) {
		c := model.Of(v.ps.Data())
		cp := c.PositionByID(id)
		if cp == nil {
			return
		}
		next := *cp
		next.Profile = nil
		for i, k := range c.Competencies {
			if lv, err := strconv.Atoi(sels[i].Selected); err == nil {
				next.Profile = append(next.Profile, model.Requirement{Competency: k.Name, Level: lv})
			}
		}
		var problems []string
		if len(next.Profile) == 0 {
			problems = append(problems, "A position needs at least one competency; choose the level of one, or remove the position.")
		}
		if !views.ShowProblems(msg, problems, next.Validate()) {
			return
		}
		*cp = next
		row := next
		v.ps.Save("team-pos-"+id, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TablePositions, &row) })
		v.ps.Changed()
		v.updateSummary()
	}
	for _, s := range sels {
		s.OnChanged = changed
	}
	return container.NewVBox(views.Bold("Profile: the level the position needs"), container.NewGridWithColumns(4, cells...), msg)
}
