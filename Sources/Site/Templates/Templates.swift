import Mustache

/// The site's templates, compiled into the binary so an installed `vmvp` needs no
/// resource files. `{{x}}` escapes HTML; `{{{x}}}` is used only for markup built by
/// the site itself (the page body, `<abbr>` from already-escaped text).
enum Templates {
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all { try library.register(text, named: name) }
        return library
    }

    static let all: [(String, String)] =
        [
            ("layout", layout), ("login", login), ("catalogue", catalogue), ("offer", offer), ("offerForm", offerForm),
            ("directory", directory), ("structure", structure), ("demands", demands), ("demandForm", demandForm),
            ("glossary", glossary), ("status", status), ("accounts", accounts), ("error", error),
        ] + immersionTemplates

    static let layout = """
        <!doctype html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} — Vis ma vie pro</title>
        <link rel="stylesheet" href="/style.css">
        </head>
        <body>
        <a class="skip" href="#contenu">Aller au contenu</a>
        <header class="site-header">
          <p class="brand"><a href="/">Vis ma vie pro</a> <span>bourse d'échange professionnel par immersion du réseau adolescence de l'Hérault</span></p>
          {{#user}}
          <nav aria-label="Menu principal">
            <ul>
              <li><a href="/">Offres d'accueil</a></li>
              <li><a href="/annuaire">Annuaire</a></li>
              <li><a href="/demandes">Demandes de découverte</a></li>
              <li><a href="/a-traiter">À traiter</a></li>
              <li><a href="/immersions">Immersions</a></li>
              <li><a href="/lexique">Lexique</a></li>
              {{#canPublish}}<li><a href="/offres/nouvelle">Proposer un accueil</a></li><li><a href="/suggestions">Échanges suggérés</a></li>{{/canPublish}}
              {{#isHubAdmin}}<li><a href="/pilotage">Pilotage</a></li>{{/isHubAdmin}}
              {{#isAdmin}}<li><a href="/etat">État du nœud</a></li><li><a href="/comptes">Comptes</a></li>{{/isAdmin}}
            </ul>
            <form method="post" action="/deconnexion" class="logout">
              <input type="hidden" name="csrf" value="{{csrf}}">
              <span>{{name}} — {{roleLabel}}</span>
              <button type="submit">Se déconnecter</button>
            </form>
          </nav>
          {{/user}}
        </header>
        {{#offline}}<p class="banner" role="status">Le hub de la Maison des Adolescents (MDA) est injoignable pour l'instant. Vous consultez les données de ce nœud, à jour au {{lastSync}} ; vos saisies partiront à la prochaine synchronisation.</p>{{/offline}}
        <main id="contenu" tabindex="-1">
        {{{content}}}
        </main>
        <footer class="site-footer"><p>Vis ma vie pro — un projet de la Maison des Adolescents (MDA) de l'Hérault. Les données de votre structure restent sur son propre serveur.</p></footer>
        </body>
        </html>
        """

    static let errorSummary = """
        {{#hasErrors}}
        <div class="error-summary" role="alert" tabindex="-1">
          <h2>Le formulaire contient {{errorCount}} erreur{{#plural}}s{{/plural}}</h2>
          <ul>{{#errors}}<li><a href="#{{anchor}}">{{label}} : {{message}}</a></li>{{/errors}}</ul>
        </div>
        {{/hasErrors}}
        """

    static let login = """
        <h1>Connexion</h1>
        <p>Cet espace est réservé aux professionnels des structures partenaires du réseau.</p>
        {{#message}}<p class="error" role="alert" id="login-error">{{message}}</p>{{/message}}
        <form method="post" action="/connexion" class="form narrow">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <div class="field">
            <label for="email">Adresse électronique professionnelle</label>
            <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}" {{#message}}aria-describedby="login-error"{{/message}}>
          </div>
          <div class="field">
            <label for="password">Mot de passe</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
          </div>
          <button type="submit" class="primary">Se connecter</button>
        </form>
        """

    static let catalogue = """
        <h1>Offres d'accueil du réseau</h1>
        <p>Chaque offre est une immersion de quelques demi-journées chez un partenaire, pour voir comment il travaille vraiment.</p>
        <form method="get" action="/" class="search" role="search" aria-label="Chercher une offre">
          <div class="field"><label for="q">Mots-clés</label><input id="q" name="q" type="search" value="{{q}}" placeholder="par exemple : soin, insertion, collège"></div>
          <div class="field"><label for="sector">Secteur</label>
            <select id="sector" name="sector"><option value="">Tous les secteurs</option>{{#sectors}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/sectors}}</select></div>
          <div class="field"><label for="commune">Commune</label><input id="commune" name="commune" value="{{commune}}"></div>
          <div class="field"><label for="month">Mois de l'immersion</label><input id="month" name="month" type="month" value="{{month}}" placeholder="AAAA-MM"></div>
          <div class="field"><label for="duration">Durée au plus</label>
            <select id="duration" name="duration"><option value="">Toutes les durées</option>{{#durations}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/durations}}</select></div>
          <div class="field check"><input id="places" name="places" type="checkbox" value="1" {{#places}}checked{{/places}}><label for="places">Places encore disponibles</label></div>
          <button type="submit" class="primary">Chercher</button>
        </form>
        {{#queryError}}<p class="error" role="alert">{{queryError}}</p>{{/queryError}}
        <h2 id="resultats">{{resultLabel}}</h2>
        {{#empty}}<p class="empty">Aucune offre publiée ne correspond à cette recherche. Essayez avec moins de critères, ou un autre mois.</p>{{/empty}}
        <ul class="cards">
        {{#hits}}
          <li class="card">
            <h3><a href="/offres/{{record}}">{{establishment}}</a></h3>
            <p class="meta">{{structure}} — <span class="tag">{{sector}}</span> — {{commune}}</p>
            <p>{{{missions}}}</p>
            <p class="meta">{{duration}} ; {{capacity}} ; {{periods}}</p>
          </li>
        {{/hits}}
        </ul>
        {{#pagination}}
        <nav aria-label="Pages de résultats" class="pagination">
          {{#previous}}<a href="{{previous}}" rel="prev">Page précédente</a>{{/previous}}
          <span>Page {{page}} sur {{pages}}</span>
          {{#next}}<a href="{{next}}" rel="next">Page suivante</a>{{/next}}
        </nav>
        {{/pagination}}
        """

    static let offer = """
        <p><a href="/">← Retour aux offres</a></p>
        <h1>{{establishment}}</h1>
        <p class="meta">{{commune}} — <span class="tag">{{status}}</span></p>
        <div class="columns">
        <section aria-labelledby="fiche">
          <h2 id="fiche">Fiche offre d'accueil</h2>
          <dl class="fields">
            {{#fields}}<dt>{{label}}</dt><dd>{{{value}}}</dd>{{/fields}}
          </dl>
          {{#canEdit}}<p><a class="button" href="/offres/{{record}}/modifier">Modifier cette offre</a></p>{{/canEdit}}
        </section>
        <aside aria-labelledby="structure">
          <h2 id="structure">Structure d'accueil</h2>
          <p><a href="/annuaire/{{structureID}}">{{structureName}}</a></p>
          <p><span class="tag">{{sectorLabel}}</span></p>
          {{#resource}}<p>Personne ressource : {{name}}, {{role}}<br><a href="mailto:{{email}}">{{email}}</a>{{#phone}}<br>{{phone}}{{/phone}}</p>{{/resource}}
          <h3>Périodes et places</h3>
          <ul>{{#periodList}}<li>{{.}}</li>{{/periodList}}</ul>
          <p>{{capacity}}</p>
          {{#canRequest}}<h3>Demander une immersion</h3>
          <p><a class="button primary" href="/offres/{{record}}/demander">Demander une immersion</a></p>{{/canRequest}}
        </aside>
        </div>
        """

    static let offerForm = """
        <h1>{{heading}}</h1>
        <p>Décrivez ce que votre structure peut faire découvrir. Les champs marqués d'un astérisque (*) sont obligatoires. Une fiche publiée est visible par tout le réseau ; un brouillon reste sur votre nœud jusqu'à sa publication.</p>
        \(errorSummary)
        <form method="post" action="{{action}}" class="form" novalidate>
          <input type="hidden" name="csrf" value="{{csrf}}">
          {{#fields}}
          <div class="field{{#error}} has-error{{/error}}">
            <label for="{{id}}">{{label}}{{#required}} *{{/required}}</label>
            {{#help}}<p class="help" id="{{id}}-aide">{{help}}</p>{{/help}}
            {{#error}}<p class="error" id="{{id}}-erreur">{{error}}</p>{{/error}}
            {{#textarea}}<textarea id="{{id}}" name="{{name}}" rows="4" {{#describedBy}}aria-describedby="{{describedBy}}"{{/describedBy}} {{#error}}aria-invalid="true"{{/error}}>{{value}}</textarea>{{/textarea}}
            {{#input}}<input id="{{id}}" name="{{name}}" type="{{type}}" value="{{value}}" {{#describedBy}}aria-describedby="{{describedBy}}"{{/describedBy}} {{#error}}aria-invalid="true"{{/error}}>{{/input}}
          </div>
          {{/fields}}
          <fieldset class="field{{#periodsError}} has-error{{/periodsError}}">
            <legend>Périodes possibles *</legend>
            <p class="help" id="periodes-aide">Les périodes pendant lesquelles vous pouvez accueillir (du… au…). Laissez vides les lignes inutiles.</p>
            {{#periodsError}}<p class="error" id="periodes-erreur">{{periodsError}}</p>{{/periodsError}}
            {{#periods}}
            <div class="period">
              <label for="period_from_{{n}}">Période {{n}} : du</label><input id="period_from_{{n}}" name="period_from" type="date" value="{{from}}" aria-describedby="periodes-aide">
              <label for="period_to_{{n}}">au</label><input id="period_to_{{n}}" name="period_to" type="date" value="{{to}}">
            </div>
            {{/periods}}
          </fieldset>
          <div class="actions">
            <button type="submit" name="status" value="draft">Enregistrer comme brouillon</button>
            <button type="submit" name="status" value="published" class="primary">Publier</button>
            {{#editing}}
            <button type="submit" name="status" value="paused">Suspendre</button>
            <button type="submit" name="status" value="archived">Archiver</button>
            {{/editing}}
          </div>
        </form>
        """

    static let directory = """
        <h1>Annuaire partagé</h1>
        <p>Les structures du réseau, par secteur, avec leur personne ressource.</p>
        {{#groups}}
        <section aria-labelledby="secteur-{{value}}">
          <h2 id="secteur-{{value}}">{{label}}</h2>
          <p class="meta">{{examples}}</p>
          <ul class="cards">
          {{#structures}}
            <li class="card"><h3><a href="/annuaire/{{id}}">{{name}}</a></h3>
              {{#subType}}<p class="meta">{{subType}}</p>{{/subType}}
              {{#resource}}<p>Personne ressource : {{name}}, {{role}} — <a href="mailto:{{email}}">{{email}}</a></p>{{/resource}}
              <p>{{offerCount}}</p></li>
          {{/structures}}
          </ul>
        </section>
        {{/groups}}
        {{#empty}}<p class="empty">Aucune structure n'est encore connue de ce nœud. Elles apparaissent après la synchronisation avec le hub.</p>{{/empty}}
        """

    static let structure = """
        <p><a href="/annuaire">← Retour à l'annuaire</a></p>
        <h1>{{name}}</h1>
        <p><span class="tag">{{sector}}</span> {{subType}}</p>
        {{#description}}<p>{{{description}}}</p>{{/description}}
        {{#resource}}<h2>Personne ressource</h2><p>{{name}}, {{role}}<br><a href="mailto:{{email}}">{{email}}</a>{{#phone}}<br>{{phone}}{{/phone}}</p>{{/resource}}
        {{#establishments.count}}<h2>Établissements</h2><ul>{{#establishments}}<li>{{name}}, {{commune}}</li>{{/establishments}}</ul>{{/establishments.count}}
        <h2>Offres d'accueil publiées</h2>
        {{#noOffers}}<p class="empty">Cette structure n'a pas encore publié d'offre.</p>{{/noOffers}}
        <ul>{{#offers}}<li><a href="/offres/{{record}}">{{establishment}}</a> — {{commune}}</li>{{/offers}}</ul>
        """

    static let demands = """
        <h1>Demandes de découverte</h1>
        <p>Ce que des professionnels du réseau aimeraient découvrir. Une structure qui reçoit une demande peut y répondre par une offre.</p>
        {{#canWrite}}<p><a class="button primary" href="/demandes/nouvelle">Écrire une demande de découverte</a></p>{{/canWrite}}
        {{#created}}<div class="notice" role="status"><p>Votre demande est enregistrée. Voici les offres qui y correspondent :</p>
          {{#matches.count}}<ul>{{#matches}}<li><a href="/offres/{{record}}">{{establishment}}</a> — {{structure}}, {{commune}}</li>{{/matches}}</ul>{{/matches.count}}
          {{^matches}}<p>Aucune offre publiée ne correspond encore : votre demande reste visible par le réseau.</p>{{/matches}}</div>{{/created}}
        {{#empty}}<p class="empty">Aucune demande pour l'instant.</p>{{/empty}}
        <ul class="cards">
        {{#items}}
          <li class="card"><h3>{{who}}</h3><p class="meta">Souhaite découvrir : {{sectors}} — {{periods}} — {{duration}}</p><p>{{missions}}</p><p><strong>Objectif :</strong> {{objective}}</p></li>
        {{/items}}
        </ul>
        """

    static let demandForm = """
        <h1>Écrire une demande de découverte</h1>
        <p>Dites ce que vous aimeriez découvrir chez un partenaire. Les champs marqués d'un astérisque (*) sont obligatoires.</p>
        \(errorSummary)
        <form method="post" action="/demandes" class="form" novalidate>
          <input type="hidden" name="csrf" value="{{csrf}}">
          {{#fields}}
          <div class="field{{#error}} has-error{{/error}}">
            <label for="{{id}}">{{label}}{{#required}} *{{/required}}</label>
            {{#error}}<p class="error" id="{{id}}-erreur">{{error}}</p>{{/error}}
            {{#textarea}}<textarea id="{{id}}" name="{{name}}" rows="3" {{#error}}aria-invalid="true" aria-describedby="{{id}}-erreur"{{/error}}>{{value}}</textarea>{{/textarea}}
            {{#input}}<input id="{{id}}" name="{{name}}" type="{{type}}" value="{{value}}" {{#error}}aria-invalid="true" aria-describedby="{{id}}-erreur"{{/error}}>{{/input}}
          </div>
          {{/fields}}
          <fieldset class="field{{#sectorsError}} has-error{{/sectorsError}}"><legend>Champs à découvrir *</legend>
            {{#sectorsError}}<p class="error" id="sectors-erreur">{{sectorsError}}</p>{{/sectorsError}}
            {{#sectorChoices}}<div class="check"><input id="sector_{{value}}" name="sectors" type="checkbox" value="{{value}}" {{#checked}}checked{{/checked}}><label for="sector_{{value}}">{{label}}</label></div>{{/sectorChoices}}
          </fieldset>
          <button type="submit" class="primary">Enregistrer la demande</button>
        </form>
        """

    static let glossary = """
        <h1>Lexique partagé</h1>
        <p>Les sigles du réseau, expliqués simplement. Le lexique est tenu par la Maison des Adolescents (MDA).</p>
        {{#empty}}<p class="empty">Le lexique arrive avec la première synchronisation avec le hub.</p>{{/empty}}
        <dl class="glossary">
        {{#entries}}<dt id="sigle-{{term}}"><abbr title="{{expansion}}">{{term}}</abbr> — {{expansion}}</dt><dd>{{definition}}</dd>{{/entries}}
        </dl>
        """

    static let status = """
        <h1>État du nœud</h1>
        <dl class="fields">
          <dt>Structure</dt><dd>{{structure}}</dd>
          <dt>Rôle du nœud</dt><dd>{{role}}</dd>
          <dt>Enregistrements dans le journal</dt><dd>{{envelopes}}</dd>
          {{#isNode}}
          <dt>Hub</dt><dd>{{hub}}</dd>
          <dt>Dernière synchronisation réussie</dt><dd>{{lastSuccess}}</dd>
          <dt>Enregistrements en attente d'envoi</dt><dd>{{waiting}}</dd>
          <dt>Dernière erreur</dt><dd>{{lastError}}</dd>
          {{/isNode}}
          {{#isHub}}<dt>Structures inscrites</dt><dd>{{members}}</dd><dt>Enveloppes en quarantaine</dt><dd>{{quarantine}}</dd>{{/isHub}}
        </dl>
        """

    static let accounts = """
        <h1>Comptes de ce nœud</h1>
        <p>Les comptes restent sur ce nœud : ils ne sont jamais envoyés au hub.</p>
        {{#created}}<div class="notice" role="status"><p>Compte créé pour {{email}}. Mot de passe provisoire, à transmettre de vive voix ou par un canal sûr : <strong>{{password}}</strong></p></div>{{/created}}
        <table><caption>Comptes</caption><thead><tr><th scope="col">Nom</th><th scope="col">Adresse</th><th scope="col">Rôle</th></tr></thead>
        <tbody>{{#items}}<tr><td>{{name}}</td><td>{{email}}</td><td>{{role}}</td></tr>{{/items}}</tbody></table>
        <h2>Créer un compte</h2>
        \(errorSummary)
        <form method="post" action="/comptes" class="form narrow" novalidate>
          <input type="hidden" name="csrf" value="{{csrf}}">
          <div class="field{{#emailError}} has-error{{/emailError}}"><label for="email">Adresse électronique professionnelle *</label>{{#emailError}}<p class="error" id="email-erreur">{{emailError}}</p>{{/emailError}}<input id="email" name="email" type="email" value="{{email}}" {{#emailError}}aria-invalid="true" aria-describedby="email-erreur"{{/emailError}}></div>
          <div class="field{{#nameError}} has-error{{/nameError}}"><label for="name">Nom et prénom *</label>{{#nameError}}<p class="error" id="name-erreur">{{nameError}}</p>{{/nameError}}<input id="name" name="name" value="{{name}}" {{#nameError}}aria-invalid="true" aria-describedby="name-erreur"{{/nameError}}></div>
          <div class="field"><label for="role">Rôle *</label><select id="role" name="role">{{#roles}}<option value="{{value}}">{{label}}</option>{{/roles}}</select></div>
          <button type="submit" class="primary">Créer le compte</button>
        </form>
        """

    static let error = """
        <h1>{{title}}</h1>
        <p>{{explanation}}</p>
        <p><a href="/">Revenir au catalogue des offres</a></p>
        """
}
