from django import forms

from .models import Customer, Invoice


class InvoiceAdminForm(forms.ModelForm):
    class Meta:
        model = Invoice
        fields = "__all__"


class CustomerForm(forms.ModelForm):
    class Meta:
        model = Customer
        exclude = ["user"]


class InvoiceNotesForm(forms.ModelForm):
    class Meta:
        model = Invoice
        fields = ["notes"]


class ImportForm(forms.Form):
    expression = forms.CharField(required=False)
    document = forms.FileField()
