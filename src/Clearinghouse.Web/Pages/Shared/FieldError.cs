namespace Clearinghouse.Web.Pages.Shared;

/// <summary>An error about one field of a form; <see cref="Field"/> is the field's name, e.g. "Input.LastName".</summary>
/// <param name="Href">Where the error summary links; the field on this page (#its id) when null.</param>
public sealed record FieldError(string Field, string Message, string? Href = null);
