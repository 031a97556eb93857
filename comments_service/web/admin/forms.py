"""The admin's forms (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from comments_service.domain.advice import ADVICE_MAX
from comments_service.domain.limits import ADMIN_NAME_MAX, BODY_MAX


class LoginForm(FlaskForm):
    name = StringField("Naam", validators=[DataRequired("Vul je naam in."), Length(max=ADMIN_NAME_MAX)])
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul je wachtwoord in."), Length(max=1024)])


class ActionForm(FlaskForm):
    """A bare form for one-click actions: only the CSRF token and where to return to."""

    next = HiddenField()


class TextForm(ActionForm):
    body = TextAreaField("Tekst", validators=[DataRequired("Vul een tekst in: een lege tekst kan niet."),
                                              Length(max=BODY_MAX, message=f"Een tekst mag hoogstens {BODY_MAX} tekens lang zijn.")])


class CategoryForm(ActionForm):
    category = SelectField("Aanpak", validators=[DataRequired()])


def _known_options(form, field) -> None:
    unknown = [value for value in field.data or [] if value not in {choice for choice, _ in field.choices}]
    if unknown:
        raise ValidationError(f"Deze aanpak staat niet in de peiling: {', '.join(unknown)}.")


class AdviceForm(ActionForm):
    """The advice's text and approaches; publishing now, at a time (Amsterdam's clock) or after N answers."""

    body = TextAreaField("Tekst (Markdown; ## voor een tussenkop)", validators=[
        DataRequired("Schrijf het advies: een leeg advies kan niet."),
        Length(max=ADVICE_MAX, message=f"Het advies mag hoogstens {ADVICE_MAX} tekens lang zijn.")])
    options = SelectMultipleField("De aanpak die jullie aanraden", widget=ListWidget(prefix_label=False),
                                  option_widget=CheckboxInput(), validate_choice=False,  # in Dutch, below
                                  validators=[DataRequired("Kies minstens één aanpak."), _known_options])
    at = DateTimeLocalField("Op (Nederlandse tijd)", format="%Y-%m-%dT%H:%M", validators=[Optional()])
    after = IntegerField("Na dit aantal goedgekeurde reacties", validators=[
        Optional(), NumberRange(min=1, message="Kies minstens 1 reactie.")])
