'use strict';
// The claims admin's autocomplete boxes (claims.admin_choices): each box sends the values its
// choices depend on (a statement's topic; a stance shift's subject and topic), and a box that
// finds nothing says how to add the missing record. Loaded after Django's autocomplete.js,
// whose djangoAdminSelect2 it replaces before the page is ready.
{
    const $ = django.jQuery;

    // Which fields of the form each narrowed box depends on (claims.admin_choices.NARROWED_FIELDS).
    const dependsOn = {
        'statement.position': ['topic'],
        'stanceshift.earlier': ['subject', 'topic'],
        'stanceshift.later': ['subject', 'topic'],
    };

    function fieldValue(element, name) {
        // A field of the same form row: "citations-0-source" depends on "citations-0-…".
        const prefix = element.id.slice(0, element.id.length - element.dataset.fieldName.length);
        const input = document.getElementById(prefix + name);
        return input ? input.value : '';
    }

    function nothingFound(element) {
        const narrowed = dependsOn[element.dataset.modelName + '.' + element.dataset.fieldName];
        if (narrowed) {
            return 'Nothing found for the chosen ' + narrowed.join(' and ') +
                '. Change them, or add the missing record with the + beside this box.';
        }
        return 'Nothing found. Check the spelling, or add it with the + beside this box.';
    }

    $.fn.djangoAdminSelect2 = function() {
        $.each(this, function(i, element) {
            // Select2 ranks the element's own lang above the language option: the page's
            // language still applies, after these messages.
            element.removeAttribute('lang');
            $(element).select2({
                language: {noResults: () => nothingFound(element)},
                ajax: {
                    data: (params) => {
                        const data = {
                            term: params.term,
                            page: params.page,
                            app_label: element.dataset.appLabel,
                            model_name: element.dataset.modelName,
                            field_name: element.dataset.fieldName
                        };
                        const key = element.dataset.modelName + '.' + element.dataset.fieldName;
                        for (const name of dependsOn[key] || []) {
                            const value = fieldValue(element, name);
                            if (value) {
                                data[name] = value;
                            }
                        }
                        return data;
                    }
                }
            });
        });
        return this;
    };

    // A changed topic or subject may leave a chosen position or statement outside the new
    // choices: clear it, so the box offers the narrowed list again.
    $(document).on('change', '#id_topic, #id_subject', function() {
        const changed = this.id.slice(3);
        for (const [key, names] of Object.entries(dependsOn)) {
            if (!names.includes(changed)) {
                continue;
            }
            const field = key.split('.')[1];
            const box = $('#id_' + field + '.admin-autocomplete');
            if (box.length && box.data('modelName') === key.split('.')[0]) {
                box.val(null).trigger('change');
            }
        }
    });
}
