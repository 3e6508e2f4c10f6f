/// Templates of the immersion workflow: request, list, timeline with the actions each person
/// may take, printable convention and attestation, and the "À traiter" page.
extension Templates {
    static let immersionTemplates: [(String, String)] = [
        ("requestForm", requestForm), ("reciprocity", reciprocity), ("immersions", immersions), ("immersion", immersion),
        ("conventionPrint", conventionPrint), ("attestation", attestation), ("todo", todo), ("dashboard", dashboard),
        ("suggestions", suggestions),
    ]

    static let reciprocity = """
        <h1>Demander une immersion</h1>
        <div class="notice" role="status">
          <h2>Règle de réciprocité</h2>
          <p>{{explanation}}</p>
        </div>
        <p>Vis ma vie pro est une bourse d'<strong>échange</strong> : chaque structure qui envoie un professionnel en immersion accueille aussi, à son tour, un professionnel d'une autre structure (« accueil croisé »).</p>
        {{#canPublish}}<p><a class="button primary" href="/offres/nouvelle">Proposer un accueil dans votre structure</a></p>{{/canPublish}}
        {{^canPublish}}<p>Demandez au référent Vis ma vie pro de votre structure de publier une offre d'accueil.</p>{{/canPublish}}
        <p><a href="/offres/{{offer}}">Retour à l'offre</a></p>
        """

    static let requestForm = """
        <h1>Demander une immersion</h1>
        <p>Chez <strong>{{structureName}}</strong> — {{establishment}}, {{commune}}. Périodes proposées : {{periods}}. Durée : {{duration}}.</p>
        <p>Votre demande est chiffrée : seules votre structure et la structure d'accueil peuvent la lire. Le référent de la structure d'accueil y répond sur son propre site.</p>
        \(errorSummary)
        <form method="post" action="/offres/{{offer}}/demander" class="form" novalidate>
          <input type="hidden" name="csrf" value="{{csrf}}">
          <p>Demande au nom de <strong>{{visitorName}}</strong> ({{visitorEmail}}).</p>
          {{#fields}}
          <div class="field{{#error}} has-error{{/error}}">
            <label for="{{id}}">{{label}} *</label>
            {{#help}}<p class="help" id="{{id}}-help">{{help}}</p>{{/help}}
            {{#error}}<p class="error" id="{{id}}-error">{{error}}</p>{{/error}}
            {{#textarea}}<textarea id="{{id}}" name="{{id}}" rows="4" required{{#error}} aria-invalid="true" aria-describedby="{{id}}-error"{{/error}}>{{value}}</textarea>{{/textarea}}
            {{#input}}<input id="{{id}}" name="{{id}}" type="{{type}}" value="{{value}}" required{{#error}} aria-invalid="true" aria-describedby="{{id}}-error"{{/error}}>{{/input}}
          </div>
          {{/fields}}
          <div class="field{{#attestationError}} has-error{{/attestationError}}">
            {{#attestationError}}<p class="error" id="practisingProfessional-error">{{attestationError}}</p>{{/attestationError}}
            <div class="check">
              <input type="checkbox" id="practisingProfessional" name="practisingProfessional" value="1"{{#attested}} checked{{/attested}}>
              <label for="practisingProfessional">J'atteste être un professionnel en exercice, et non un stagiaire en formation initiale. *</label>
            </div>
          </div>
          <div class="actions"><button type="submit" class="primary">Envoyer la demande</button> <a class="button" href="/offres/{{offer}}">Annuler</a></div>
        </form>
        """

    static let immersions = """
        <h1>Immersions</h1>
        {{#ledger}}<p class="notice">{{ledger}}</p>{{/ledger}}
        <p>Les immersions demandées par votre structure et celles qu'elle accueille. <a href="/immersions.ics">Ajouter les immersions confirmées à votre agenda (fichier .ics)</a>.</p>
        {{#sections}}
        <h2>{{heading}}</h2>
        {{#empty}}<p class="empty">{{emptyText}}</p>{{/empty}}
        {{^empty}}
        <table>
          <thead><tr><th scope="col">Personne</th><th scope="col">{{otherLabel}}</th><th scope="col">Dates</th><th scope="col">Où en est-elle ?</th></tr></thead>
          <tbody>
          {{#items}}<tr><td><a href="/immersions/{{id}}">{{visitor}}</a></td><td>{{other}}</td><td>{{dates}}</td><td>{{state}}{{#crossed}} <span class="tag">accueil croisé</span>{{/crossed}}</td></tr>{{/items}}
          </tbody>
        </table>
        {{/empty}}
        {{/sections}}
        """

    static let immersion = """
        <h1>Immersion de {{visitorName}} chez {{hostName}}</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#refusal}}<p class="error-summary" role="alert">{{refusal}}</p>{{/refusal}}
        <p class="state"><strong>Où en est-elle ?</strong> {{state}}</p>
        {{#crossed}}<p class="notice">Accueil croisé : {{crossedText}} <a href="/immersions/{{crossedID}}">Voir l'autre immersion</a>.</p>{{/crossed}}
        <div class="columns">
        <div>
        <h2>Demande</h2>
        <dl class="fields">
          <dt>Personne accueillie</dt><dd>{{visitorName}}, {{visitorJob}} — {{visitorStructure}}</dd>
          <dt>Structure d'accueil</dt><dd>{{hostName}} — <a href="/offres/{{offer}}">voir l'offre</a></dd>
          <dt>Dates demandées</dt><dd>{{requestedDates}}</dd>
          <dt>Objectif</dt><dd>{{objective}}</dd>
          <dt>Métier</dt><dd>{{visitorJob}}</dd>
          <dt>Expérience</dt><dd>{{experience}}</dd>
        </dl>

        {{#answerForm}}
        <h2>Répondre à la demande</h2>
        \(errorSummary)
        <form method="post" action="/immersions/{{id}}/reponse" class="form">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <fieldset class="field"><legend>Votre réponse *</legend>
            <div class="check"><input type="radio" id="decision-accept" name="decision" value="accept"{{#accept}} checked{{/accept}}><label for="decision-accept">Accepter (la convention sera établie avec ces informations)</label></div>
            <div class="check"><input type="radio" id="decision-counter" name="decision" value="counter"{{#counter}} checked{{/counter}}><label for="decision-counter">Proposer d'autres dates</label></div>
            <div class="check"><input type="radio" id="decision-decline" name="decision" value="decline"{{#decline}} checked{{/decline}}><label for="decision-decline">Refuser</label></div>
          </fieldset>
          <div class="period"><label for="from">Du *</label><input id="from" name="from" type="date" value="{{from}}"> <label for="to">au *</label><input id="to" name="to" type="date" value="{{to}}"></div>
          {{#periodError}}<p class="error" id="period-error">{{periodError}}</p>{{/periodError}}
          <p class="help">Pour accepter :</p>
          <div class="field"><label for="hours">Horaires</label><input id="hours" name="hours" value="{{hours}}"></div>
          <div class="field"><label for="places">Lieux</label><input id="places" name="places" value="{{places}}"></div>
          <div class="field"><label for="programme">Programme</label><textarea id="programme" name="programme" rows="4">{{programme}}</textarea></div>
          <div class="field"><label for="practicalNotes">Informations pratiques (facultatif)</label><textarea id="practicalNotes" name="practicalNotes" rows="2">{{practicalNotes}}</textarea></div>
          <p class="help">Pour refuser :</p>
          <div class="field"><label for="reason">Raison du refus</label>
            <select id="reason" name="reason"><option value="">—</option>{{#reasons}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/reasons}}</select>
          </div>
          <div class="field"><label for="text">Message (obligatoire pour « autre raison »)</label><textarea id="text" name="text" rows="2">{{text}}</textarea></div>
          <div class="actions"><button type="submit" class="primary">Envoyer la réponse</button></div>
        </form>
        {{/answerForm}}

        {{#agreeDates}}
        <h2>Dates proposées</h2>
        <p>La structure d'accueil propose : <strong>{{agreeDates}}</strong>.</p>
        <form method="post" action="/immersions/{{id}}/dates"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="primary">Accepter ces dates</button></form>
        {{/agreeDates}}

        {{#convention}}
        <h2>Convention</h2>
        <p>Version {{version}} du {{date}}. <a href="/immersions/{{id}}/convention">Lire et imprimer la convention</a>.</p>
        {{#changes}}<p class="notice">{{changes}}</p>{{/changes}}
        <ul>{{#parties}}<li>{{label}} : {{status}}</li>{{/parties}}</ul>
        {{#signable}}
        <form method="post" action="/immersions/{{id}}/signature" class="actions">
          <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{hash}}"><input type="hidden" name="party" value="{{party}}">
          <button type="submit" class="primary">Signer la convention {{label}}</button>
        </form>
        {{/signable}}
        {{/convention}}

        {{#editForm}}
        <details>
        <summary>Modifier la convention</summary>
        <p class="help">Changer les dates, les horaires, les lieux ou le programme demande une nouvelle signature de chaque partie ; corriger un numéro de téléphone ou les informations pratiques ne la demande pas.</p>
        <form method="post" action="/immersions/{{id}}/convention" class="form">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <div class="period"><label for="edit-from">Du</label><input id="edit-from" name="from" type="date" value="{{from}}"> <label for="edit-to">au</label><input id="edit-to" name="to" type="date" value="{{to}}"></div>
          <div class="field"><label for="edit-hours">Horaires</label><input id="edit-hours" name="hours" value="{{hours}}"></div>
          <div class="field"><label for="edit-places">Lieux</label><input id="edit-places" name="places" value="{{places}}"></div>
          <div class="field"><label for="edit-programme">Programme</label><textarea id="edit-programme" name="programme" rows="4">{{programme}}</textarea></div>
          <div class="field"><label for="edit-practicalNotes">Informations pratiques</label><textarea id="edit-practicalNotes" name="practicalNotes" rows="2">{{practicalNotes}}</textarea></div>
          <div class="field"><label for="edit-visitorPhone">Téléphone de la personne accueillie</label><input id="edit-visitorPhone" name="visitorPhone" value="{{visitorPhone}}"></div>
          <div class="field"><label for="edit-employerPhone">Téléphone du référent de l'employeur</label><input id="edit-employerPhone" name="employerPhone" value="{{employerPhone}}"></div>
          <div class="field"><label for="edit-hostPhone">Téléphone du référent d'accueil</label><input id="edit-hostPhone" name="hostPhone" value="{{hostPhone}}"></div>
          <div class="actions"><button type="submit">Enregistrer une nouvelle version</button></div>
        </form>
        </details>
        {{/editForm}}

        {{#evaluationForm}}
        <h2>{{heading}}</h2>
        <p>L'immersion est terminée. Votre évaluation est lue par les deux structures ; le nombre d'évaluations écrites est suivi par la Maison des Adolescents (MDA), pas leur contenu.</p>
        \(errorSummary)
        <form method="post" action="/immersions/{{id}}/evaluation" class="form">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <fieldset class="field"><legend>{{attendedQuestion}} *</legend>
            <div class="check"><input type="radio" id="attended-yes" name="attended" value="1" checked><label for="attended-yes">Oui</label></div>
            <div class="check"><input type="radio" id="attended-no" name="attended" value="0"><label for="attended-no">Non — dans ce cas, dites seulement pourquoi dans « Commentaires »</label></div>
          </fieldset>
          <div class="field"><label for="expected">Effets attendus (repris de l'offre, à compléter)</label><textarea id="expected" name="expected" rows="3">{{expected}}</textarea></div>
          <div class="field"><label for="observed">Ce que vous avez observé, face à ces attentes</label><textarea id="observed" name="observed" rows="3">{{observed}}</textarea></div>
          <div class="field"><label for="changedView">Ce qui a changé dans votre regard sur le travail de l'autre structure</label><textarea id="changedView" name="changedView" rows="3">{{changedView}}</textarea></div>
          <div class="field"><label for="satisfaction">Satisfaction, de 1 (pas du tout) à 5 (tout à fait)</label>
            <select id="satisfaction" name="satisfaction"><option value="">—</option><option>1</option><option>2</option><option>3</option><option>4</option><option selected>5</option></select></div>
          <fieldset class="field"><legend>Recommanderiez-vous cette immersion ?</legend>
            <div class="check"><input type="radio" id="recommend-yes" name="wouldRecommend" value="1" checked><label for="recommend-yes">Oui</label></div>
            <div class="check"><input type="radio" id="recommend-no" name="wouldRecommend" value="0"><label for="recommend-no">Non</label></div>
          </fieldset>
          <div class="field"><label for="comments">Commentaires</label><textarea id="comments" name="comments" rows="3">{{comments}}</textarea></div>
          {{#visitor}}<div class="field"><label for="practiceChanges">Ce que je vais changer dans ma propre pratique (facultatif)</label><textarea id="practiceChanges" name="practiceChanges" rows="3">{{practiceChanges}}</textarea></div>{{/visitor}}
          <div class="actions"><button type="submit" class="primary">Envoyer l'évaluation</button></div>
        </form>
        {{/evaluationForm}}

        {{#evaluations}}
        <h2>Évaluation — {{who}}</h2>
        <dl class="fields">
          <dt>Présence</dt><dd>{{attended}}</dd>
          {{#expected}}<dt>Effets attendus</dt><dd>{{expected}}</dd>{{/expected}}
          {{#observed}}<dt>Observé</dt><dd>{{observed}}</dd>{{/observed}}
          {{#changedView}}<dt>Regard changé</dt><dd>{{changedView}}</dd>{{/changedView}}
          {{#satisfaction}}<dt>Satisfaction</dt><dd>{{satisfaction}} sur 5</dd>{{/satisfaction}}
          {{#recommend}}<dt>Recommande</dt><dd>{{recommend}}</dd>{{/recommend}}
          {{#comments}}<dt>Commentaires</dt><dd>{{comments}}</dd>{{/comments}}
          {{#practiceChanges}}<dt>Ce que je vais changer dans ma pratique</dt><dd>{{practiceChanges}}</dd>{{/practiceChanges}}
        </dl>
        {{/evaluations}}
        {{#attestation}}<p><a class="button primary" href="/immersions/{{id}}/attestation">Imprimer l'attestation de participation</a></p>{{/attestation}}
        </div>
        <aside>
        <h2>Étapes</h2>
        <ol class="timeline">{{#timeline}}<li><strong>{{when}}</strong><br>{{what}}</li>{{/timeline}}</ol>
        {{#cancelForm}}
        <details>
        <summary>Annuler l'immersion</summary>
        <form method="post" action="/immersions/{{id}}/annulation" class="form">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <div class="field"><label for="cancel-reason">Raison de l'annulation *</label><textarea id="cancel-reason" name="reason" rows="2" required></textarea></div>
          <button type="submit">Annuler l'immersion</button>
        </form>
        </details>
        {{/cancelForm}}
        </aside>
        </div>
        """

    static let conventionPrint = """
        <article class="print-page">
        <p class="no-print"><a href="/immersions/{{id}}">Retour à l'immersion</a> — imprimez cette page (Ctrl+P) pour une feuille A4.</p>
        <pre class="document">{{text}}</pre>
        <h2>Signatures de cette version ({{version}})</h2>
        <ul>{{#parties}}<li>{{label}} : {{status}}</li>{{/parties}}</ul>
        <p class="meta">Empreinte de la version : {{hash}}</p>
        </article>
        """

    static let attestation = """
        <article class="print-page">
        <p class="no-print"><a href="/immersions/{{id}}">Retour à l'immersion</a> — imprimez cette page (Ctrl+P) pour une feuille A4.</p>
        <h1>Attestation de participation</h1>
        <p>Bourse d'échange professionnel réciproque par immersion « Vis ma vie pro », pilotée par la Maison des Adolescents (MDA) de l'Hérault.</p>
        <p>Il est attesté que <strong>{{visitorName}}</strong>, {{visitorJob}} (<strong>{{visitorStructure}}</strong>), a effectué une immersion professionnelle chez <strong>{{hostStructure}}</strong> :</p>
        <dl class="fields">
          <dt>Dates</dt><dd>{{dates}}</dd>
          <dt>Horaires</dt><dd>{{hours}}</dd>
          <dt>Lieux</dt><dd>{{places}}</dd>
          <dt>Convention</dt><dd>{{#signatures}}{{label}} : signée par {{name}} le {{date}}
        {{/signatures}}</dd>
          <dt>Évaluations</dt><dd>{{evaluations}}</dd>
        </dl>
        <p>Attestation destinée au service des ressources humaines de l'employeur et au parcours de formation de la personne.</p>
        <p class="meta">Établie le {{today}} depuis le nœud de {{issuer}}. Référence de l'immersion : {{id}}.</p>
        </article>
        """

    static let todo = """
        <h1>À traiter</h1>
        {{#empty}}<p class="empty">Rien à traiter pour l'instant.</p>{{/empty}}
        {{^empty}}
        <ul class="cards">
        {{#items}}<li class="card{{#overdue}} overdue{{/overdue}}"><h2><a href="/immersions/{{immersion}}">{{title}}</a></h2><p>{{detail}}</p>{{#overdue}}<p class="error">En retard</p>{{/overdue}}</li>{{/items}}
        </ul>
        {{/empty}}
        {{#hub}}
        <h2>Demandes sans réponse depuis plus de 10 jours (pour la Maison des Adolescents)</h2>
        <p>Le hub ne lit pas les demandes, qui sont chiffrées : il compte seulement celles restées sans réponse, par structure d'accueil.</p>
        {{#unansweredEmpty}}<p class="empty">Aucune.</p>{{/unansweredEmpty}}
        {{^unansweredEmpty}}<table><thead><tr><th scope="col">Structure d'accueil</th><th scope="col">Demandes en attente</th></tr></thead><tbody>
        {{#unanswered}}<tr><td>{{name}}</td><td>{{count}}</td></tr>{{/unanswered}}
        </tbody></table>{{/unansweredEmpty}}
        {{/hub}}
        """
}

extension Templates {
    static let dashboard = """
        <h1>Pilotage de la bourse d'échange</h1>
        <p>Ces chiffres viennent des fiches publiques du réseau et des seules informations que le hub voit des immersions (qui écrit à qui, quand, à quelle étape) : le contenu des demandes, conventions et évaluations reste chiffré pour les deux structures concernées. Chaque tableau s'exporte pour un tableur (fichier CSV).</p>
        <h2>Structures du réseau</h2>
        <table><thead><tr><th scope="col">Secteur</th><th scope="col">Structures</th><th scope="col">Avec une offre publiée</th></tr></thead>
        <tbody>{{#sectors}}<tr><td>{{label}}</td><td>{{structures}}</td><td>{{withOffer}}</td></tr>{{/sectors}}</tbody></table>
        <p><a href="/pilotage/secteurs.csv">Exporter (CSV)</a></p>
        <h2>Immersions, par mois de la demande</h2>
        {{#noMonths}}<p class="empty">Aucune demande d'immersion pour l'instant.</p>{{/noMonths}}
        {{^noMonths}}<table><thead><tr><th scope="col">Mois</th><th scope="col">Demandées</th><th scope="col">Acceptées</th><th scope="col">Refusées</th><th scope="col">Confirmées</th><th scope="col">Réalisées</th><th scope="col">Évaluées</th></tr></thead>
        <tbody>{{#months}}<tr><td>{{month}}</td><td>{{requested}}</td><td>{{accepted}}</td><td>{{declined}}</td><td>{{confirmed}}</td><td>{{done}}</td><td>{{evaluated}}</td></tr>{{/months}}</tbody></table>{{/noMonths}}
        <p><a href="/pilotage/mois.csv">Exporter (CSV)</a></p>
        <dl class="fields">
          <dt>Délai médian de réponse</dt><dd>{{median}}</dd>
          <dt>Demandes restées plus de 10 jours sans réponse</dt><dd>{{late}}</dd>
          <dt>Évaluations écrites (deux attendues par immersion réalisée)</dt><dd>{{evaluations}}</dd>
        </dl>
        <h2>Qui a découvert qui</h2>
        {{{heatmap}}}
        <table class="matrix"><caption>Immersions réalisées : secteur de la personne accueillie (lignes) et de la structure d'accueil (colonnes)</caption>
        <thead><tr><th scope="col">Personne accueillie</th>{{#matrixColumns}}<th scope="col">{{.}}</th>{{/matrixColumns}}</tr></thead>
        <tbody>{{#matrixRows}}<tr><th scope="row">{{label}}</th>{{#cells}}<td>{{value}}</td>{{/cells}}</tr>{{/matrixRows}}</tbody></table>
        <p><a href="/pilotage/croisements.csv">Exporter (CSV)</a></p>
        <h2>Réciprocité : jours accueillis et envoyés</h2>
        <p>Immersions réalisées seulement ; une annulation ou une absence ne compte pas.</p>
        <table><thead><tr><th scope="col">Structure</th><th scope="col">Jours accueillis</th><th scope="col">Jours envoyés</th><th scope="col">Solde</th></tr></thead>
        <tbody>{{#balances}}<tr><td>{{name}}</td><td>{{hosted}}</td><td>{{sent}}</td><td>{{balance}}</td></tr>{{/balances}}</tbody></table>
        <p><a href="/pilotage/soldes.csv">Exporter (CSV)</a></p>
        <h2>Structures silencieuses (pas de synchronisation depuis 30 jours)</h2>
        {{#noSilent}}<p class="empty">Aucune.</p>{{/noSilent}}
        {{^noSilent}}<ul>{{#silent}}<li>{{name}} — dernière synchronisation : {{lastSeen}}</li>{{/silent}}</ul>{{/noSilent}}
        <p><a href="/pilotage/silencieuses.csv">Exporter (CSV)</a></p>
        """
}

extension Templates {
    static let suggestions = """
        <h1>Échanges suggérés</h1>
        <p>La plateforme rapproche les demandes de découverte et les offres d'accueil du réseau : quand deux structures peuvent s'accueillir l'une l'autre (« accueil croisé »), ou trois structures à la suite (A chez B, B chez C, C chez A), elle le propose. Chaque demande n'est proposée qu'une fois.</p>
        <p class="meta">{{summary}}</p>
        {{#empty}}<p class="empty">Aucun échange à suggérer pour l'instant{{^isHub}} à votre structure{{/isHub}}. Publier une demande de découverte ou une offre d'accueil en ouvre de nouveaux.</p>{{/empty}}
        <ul class="cards">
        {{#items}}<li class="card">
          <h2>{{kind}}</h2>
          {{#headline}}<p><strong>{{headline}}</strong></p>{{/headline}}
          <ul>{{#legs}}<li>{{text}}</li>{{/legs}}</ul>
          {{#prepare}}<p><a class="button primary" href="{{prepare}}">Préparer la demande de {{prepareFor}}</a></p>{{/prepare}}
        </li>{{/items}}
        </ul>
        """
}
