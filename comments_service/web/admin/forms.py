"""The admin's forms (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

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
