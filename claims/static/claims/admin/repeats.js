'use strict';
// The statement form's likely repeats (claims.matching.admin_candidates): while the text is
// typed, the candidates endpoint is asked (after a pause in typing) and its answer listed
// under "Repeats of the same claim". Confirming or dismissing needs the statement saved:
// its form then lists the candidates with a button each.
{
    const PAUSE = 400;

    function listed(answer) {
        const list = document.createElement('ol');
        list.className = 'repeat-candidates live';
        for (const candidate of answer.candidates) {
            if (!candidate.proposed) {
                continue;
            }
            const item = document.createElement('li');
            item.className = 'repeat-candidate';
            item.dataset.statement = candidate.statement;
            const head = document.createElement('strong');
            head.textContent = 'Proposed';
            item.append(head, ` · score ${Math.round(candidate.score)} · ${candidate.speaker}, ${candidate.said_on} (${candidate.status})`);
            const text = document.createElement('div');
            // Escaped on the server; the only markup is <mark> around the shared words.
            text.innerHTML = candidate.highlighted;
            item.append(text);
            list.append(item);
        }
        return list;
    }

    function show(box, answer) {
        box.replaceChildren();
        const found = answer.candidates && answer.candidates.some((candidate) => candidate.proposed);
        if (!found) {
            const none = document.createElement('p');
            none.textContent = answer.error || 'No likely repeat on record.';
            box.append(none);
            return;
        }
        const note = document.createElement('p');
        note.textContent = 'Likely repeats of what you typed. Save the statement to confirm or dismiss them.';
        box.append(note, listed(answer));
    }

    function ask(box, textarea) {
        const form = textarea.form;
        const body = new FormData();
        body.append('text', textarea.value);
        body.append('statement', box.dataset.statement || '');
        const token = form.querySelector('[name=csrfmiddlewaretoken]');
        fetch(box.dataset.url, {
            method: 'POST',
            body: body,
            credentials: 'same-origin',
            headers: {'X-CSRFToken': token ? token.value : ''},
        })
            .then((response) => response.json())
            .then((answer) => show(box, answer))
            .catch(() => {});
    }

    document.addEventListener('DOMContentLoaded', () => {
        const box = document.getElementById('repeat-candidates');
        const textarea = document.getElementById('id_text');
        if (!box || !textarea) {
            return;
        }
        let timer = null;
        textarea.addEventListener('input', () => {
            clearTimeout(timer);
            if (textarea.value.trim()) {
                timer = setTimeout(() => ask(box, textarea), PAUSE);
            }
        });
    });
}
