// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";

    // Move focus to the error summary so screen-reader and keyboard users hear what went wrong first.
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) {
        summary.focus();
    }

    // IDs: upper-case and group in fives while typing at the end of the field; pasting anything still works.
    var groupWhileTyping = function (input) {
        var groups = parseInt(input.getAttribute("data-id-groups"), 10);
        input.addEventListener("input", function () {
            if (input.selectionStart !== input.value.length) {
                return;
            }
            var raw = input.value.toUpperCase().replace(/[\s\-\u2010-\u2015]/g, "");
            if (/[^A-Z0-9]/.test(raw) || raw.length > groups * 5) {
                return; // Leave odd input alone: the server names what is wrong with it.
            }
            var formatted = raw.match(/.{1,5}/g);
            input.value = formatted ? formatted.join("-") : "";
        });
    };
    document.querySelectorAll("input[data-id-groups]").forEach(groupWhileTyping);

    // License codes: "Add another code" adds the field in place, with no round trip. Without script the button posts
    // and the server shows the form again with one more field; here the last field is copied, emptied and numbered.
    document.querySelectorAll("[data-license-codes]").forEach(function (group) {
        var button = group.querySelector("[data-add-license-code]");
        var max = parseInt(group.getAttribute("data-max"), 10);
        var labels = JSON.parse(group.getAttribute("data-labels") || "[]");
        if (!button) {
            return;
        }
        button.addEventListener("click", function (event) {
            var fields = group.querySelectorAll("[data-license-code]");
            if (fields.length >= max) {
                return; // Let the server say so.
            }
            event.preventDefault();
            var last = fields[fields.length - 1];
            var field = last.cloneNode(true);
            var input = field.querySelector("input");
            var label = field.querySelector("label");
            var error = field.querySelector(".field-error");
            var index = fields.length;
            input.name = input.name.replace(/\[\d+\]$/, "[" + index + "]");
            input.id = input.id.replace(/_\d+_$/, "_" + index + "_");
            input.value = "";
            ["aria-invalid", "required", "autofocus"].forEach(function (name) { input.removeAttribute(name); });
            // Described by the hint only: the copied field's error does not apply to the new one.
            var describedBy = (input.getAttribute("aria-describedby") || "").split(" ")
                .filter(function (id) { return id && !/-error$/.test(id); }).join(" ");
            if (describedBy) {
                input.setAttribute("aria-describedby", describedBy);
            } else {
                input.removeAttribute("aria-describedby");
            }
            label.htmlFor = input.id;
            label.textContent = labels[index] || label.textContent;
            if (error) {
                error.id = input.id + "-error";
                error.textContent = "";
                error.setAttribute("data-valmsg-for", input.name);
            }
            last.parentNode.insertBefore(field, last.nextSibling);
            groupWhileTyping(input);
            input.focus();
            if (index + 1 >= max) {
                button.hidden = true;
            }
        });
    });

    // CAL types: offer only those sold for the chosen product version.
    document.querySelectorAll("select[data-filters]").forEach(function (versions) {
        var types = document.getElementById(versions.getAttribute("data-filters"));
        if (!types) {
            return;
        }
        var apply = function () {
            var version = versions.value;
            Array.prototype.forEach.call(types.options, function (option) {
                var sold = option.value === "" || version === "" ||
                    (" " + option.getAttribute("data-versions") + " ").indexOf(" " + version + " ") >= 0;
                option.hidden = !sold;
                option.disabled = !sold;
            });
            if (types.selectedOptions.length && types.selectedOptions[0].disabled) {
                types.value = "";
            }
        };
        versions.addEventListener("change", apply);
        apply();
    });

    // Copy and print buttons exist only where script can run them.
    var status = document.querySelector("[data-copy-status]");
    document.querySelectorAll("[data-copy]").forEach(function (button) {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source || !navigator.clipboard) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(source.textContent.trim()).then(function () {
                if (status) {
                    status.textContent = button.getAttribute("data-copied-status");
                }
                button.textContent = button.getAttribute("data-copied");
            });
        });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
    });

    // A second click on Submit would do no harm (the server issues one key pack), but say that it is working.
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            if (form.getAttribute("data-submitting")) {
                event.preventDefault();
                return;
            }
            form.setAttribute("data-submitting", "true");
            form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
        });
    });
})();
