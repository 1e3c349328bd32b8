from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import CorrectionReport, Partnership
from directory.models.corrections import EVIDENCE_MAX_LENGTH, WHAT_MAX_LENGTH

# The value of the "which record" choice that names the community itself.
COMMUNITY = "community"


class CorrectionForm(forms.ModelForm):
    """A report on ``community`` or one of its partnerships.

    ``website`` is a trap for programs that fill in every field: it is hidden from people
    (templates/corrections/report.html), and a report that fills it is never stored.
    """

    record = forms.ChoiceField(
        label=_("Which record is wrong?"),
        error_messages={
            "invalid_choice": _("Choose the community or one of the partnerships listed.")
        },
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = CorrectionReport
        fields = ["what", "evidence", "email"]
        labels = {
            "what": _("What is wrong?"),
            "evidence": _("How do you know?"),
            "email": _("Your email address (optional)"),
        }
        # The hints of "what" and "evidence", which give a number: set for each form.
        help_texts = {
            "email": _("Only to tell you what we decided. We never show it or share it."),
        }
        widgets = {
            "what": forms.Textarea(attrs={"rows": 6}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "what": {"required": _("Say what is wrong with the record.")},
            "evidence": {"required": _("Say how you know: a web address or a publication.")},
        }

    def __init__(self, *args, community, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.community = community
        # The limits, with digits grouped as the page's language groups them ("2,000").
        self.fields["what"].help_text = gettext(
            "For example, the year the partnership began, a partner that is missing, "
            "or a partnership that has ended. Up to %(count)s characters."
        ) % {"count": intcomma(WHAT_MAX_LENGTH)}
        self.fields["evidence"].help_text = gettext(
            "The address of a page that shows it, or where it is published. "
            "Up to %(count)s characters."
        ) % {"count": intcomma(EVIDENCE_MAX_LENGTH)}
        self.partnerships = {
            str(partnership.pk): partnership for partnership in Partnership.objects.of(community)
        }
        self.fields["record"].choices = [
            (COMMUNITY, _("%(name)s (the community itself)") % {"name": community.name}),
            *(
                (pk, _("The partnership with %(partner)s") % {"partner": partnership.partner.name})
                for pk, partnership in self.partnerships.items()
            ),
        ]
        self.fields["record"].initial = COMMUNITY
        self.order_fields(["record", "what", "evidence", "email", "website"])

    @property
    def is_trap(self):
        """Whether a program, not a person, filled in the form."""
        return bool(self.cleaned_data.get("website"))

    def save(self, commit=True):
        report = super().save(commit=False)
        report.community = self.community
        report.partnership = self.partnerships.get(self.cleaned_data["record"])
        if commit:
            report.save()
        return report
