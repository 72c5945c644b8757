namespace Clearinghouse.Web.Pages.Shared;

/// <summary>An error about one field of a form; <see cref="Field"/> is the field's name, e.g. "Input.LastName".</summary>
public sealed record FieldError(string Field, string Message);
