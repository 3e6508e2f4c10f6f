/// The site's only stylesheet: readable, high contrast (text ≥ 7:1 on white), visible
/// focus, single column on phones and at 200 % zoom. No JavaScript is needed anywhere.
enum Stylesheet {
    static let css = """
        :root { --ink: #1b1b1b; --muted: #4a4a4a; --accent: #003d8f; --accent-ink: #ffffff; --line: #c8c8c8; --bg: #ffffff; --soft: #f2f4f8; --error: #a30000; --ok: #125c2a; }
        * { box-sizing: border-box; }
        html { font-size: 100%; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; color: var(--ink); background: var(--bg); }
        a { color: var(--accent); text-underline-offset: 0.15em; }
        a:focus, button:focus, input:focus, select:focus, textarea:focus, main:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--accent); color: var(--accent-ink); padding: 0.5rem 1rem; }
        .skip:focus { left: 0; }
        .site-header { background: var(--accent); color: var(--accent-ink); padding: 0.75rem 1rem; }
        .site-header a { color: var(--accent-ink); }
        .brand { margin: 0 0 0.5rem; font-size: 1.25rem; font-weight: 700; }
        .brand span { display: block; font-size: 0.9rem; font-weight: 400; }
        nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
        .logout { margin-top: 0.5rem; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
        .logout button { background: transparent; color: var(--accent-ink); border: 1px solid var(--accent-ink); }
        main { max-width: 70rem; margin: 0 auto; padding: 1rem; }
        .site-footer { border-top: 1px solid var(--line); padding: 1rem; color: var(--muted); font-size: 0.9rem; }
        h1 { font-size: 1.75rem; line-height: 1.2; }
        .banner { margin: 0; padding: 0.5rem 1rem; background: #fff4ce; color: var(--ink); border-bottom: 1px solid #e0c060; }
        .meta { color: var(--muted); }
        .tag { display: inline-block; padding: 0 0.4rem; border: 1px solid var(--accent); border-radius: 0.25rem; font-size: 0.9rem; color: var(--accent); }
        .cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
        .card { border: 1px solid var(--line); border-radius: 0.4rem; padding: 0.75rem 1rem; background: var(--bg); }
        .card h3 { margin-top: 0; font-size: 1.1rem; }
        .search { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.75rem; align-items: end; background: var(--soft); padding: 1rem; border-radius: 0.4rem; }
        .form .field, fieldset.field { margin-bottom: 1rem; }
        .form.narrow { max-width: 28rem; }
        label, legend { display: block; font-weight: 600; }
        .check { display: flex; gap: 0.5rem; align-items: center; }
        .check label { font-weight: 400; }
        input, select, textarea { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid #6b6b6b; border-radius: 0.25rem; width: 100%; max-width: 40rem; background: #fff; color: var(--ink); }
        input[type=checkbox], input[type=radio] { width: auto; }
        .period { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-bottom: 0.5rem; }
        .period input { width: auto; }
        .period label { font-weight: 400; }
        button, .button { font: inherit; display: inline-block; padding: 0.45rem 1rem; border: 1px solid var(--accent); border-radius: 0.25rem; background: #fff; color: var(--accent); cursor: pointer; text-decoration: none; }
        button.primary, .button.primary { background: var(--accent); color: var(--accent-ink); }
        .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
        .help { margin: 0.1rem 0 0.3rem; color: var(--muted); font-size: 0.95rem; }
        .error { color: var(--error); font-weight: 600; margin: 0.1rem 0 0.3rem; }
        .has-error input, .has-error textarea, .has-error select { border: 2px solid var(--error); }
        .error-summary { border: 3px solid var(--error); padding: 0.5rem 1rem; margin-bottom: 1rem; }
        .error-summary a { color: var(--error); }
        .notice { border-left: 6px solid var(--ok); background: #e8f3ec; padding: 0.5rem 1rem; margin-bottom: 1rem; }
        .empty { padding: 1rem; background: var(--soft); border-radius: 0.4rem; }
        .columns { display: grid; grid-template-columns: 2fr 1fr; gap: 2rem; }
        .fields dt { font-weight: 700; margin-top: 0.75rem; }
        .fields dd { margin: 0.2rem 0 0; white-space: pre-line; }
        .glossary dt { font-weight: 700; margin-top: 0.75rem; }
        abbr[title] { text-decoration: underline dotted; cursor: help; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 0.4rem; }
        .pagination { display: flex; gap: 1rem; margin: 1rem 0; }
        @media (max-width: 48rem) { .columns { grid-template-columns: 1fr; } h1 { font-size: 1.5rem; } }
        .timeline { padding-left: 1.2rem; }
        .heatmap { max-width: 100%; height: auto; font-family: inherit; }
        .matrix td, .matrix th { text-align: center; }
        .matrix th[scope=row] { text-align: left; }
        .timeline li { margin-bottom: 0.6rem; }
        .card.overdue { border-left: 6px solid var(--error); }
        .document { white-space: pre-wrap; font-family: Georgia, "Times New Roman", serif; font-size: 1rem; background: var(--soft); padding: 1rem; }
        details { margin: 1rem 0; }
        summary { cursor: pointer; color: var(--accent); font-weight: 600; }
        @media print {
          @page { size: A4; margin: 18mm 16mm; }
          body { font-size: 11pt; }
          .site-header, .site-footer, .search, .no-print, .skip, .banner { display: none; }
          main { max-width: none; padding: 0; }
          .document { background: none; padding: 0; font-size: 11pt; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
