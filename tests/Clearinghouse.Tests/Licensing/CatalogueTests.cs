using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Licensing;

public sealed class CatalogueTests
{
    [Fact]
    public void CountriesRegions_AreThe249OfIso3166WithUniqueCodes()
    {
        var countries = Catalogue.CountriesRegions;

        Assert.Equal(249, countries.Count);
        Assert.Equal(249, countries.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(countries, c => Assert.Matches("^[A-Z]{2}$", c.Code));
        Assert.All(countries, c => Assert.False(string.IsNullOrWhiteSpace(c.Name), c.Code));
        Assert.Equal("United States", Catalogue.FindCountryRegion("US")?.Name);
        Assert.Equal("Åland Islands", Catalogue.FindCountryRegion("AX")?.Name);
        Assert.Null(Catalogue.FindCountryRegion("XX"));
    }

    [Fact]
    public void CountriesRegions_EachHaveAPhoneNumberWithTheirCallingCode()
    {
        Assert.All(Catalogue.CountriesRegions, c =>
        {
            Assert.Matches("^[0-9]{1,4}$", c.CallingCode);
            Assert.False(string.IsNullOrWhiteSpace(c.PhoneNumber), c.Code);
            Assert.StartsWith($"+{c.CallingCode} ", c.PhoneNumber);
        });
        Assert.StartsWith("+1 ", Catalogue.FindCountryRegion("US")!.PhoneNumber);
        Assert.StartsWith("+44 ", Catalogue.FindCountryRegion("GB")!.PhoneNumber);
    }

    [Fact]
    public void Codes_AreUniqueWithinEachList()
    {
        AssertUnique(Catalogue.Programs.Select(p => p.Code));
        AssertUnique(Catalogue.ProductVersions.Select(v => v.Code));
        AssertUnique(Catalogue.CalTypes.Select(t => t.Code));
        AssertUnique(Catalogue.Reasons.Select(r => r.Code));
        AssertUnique(Catalogue.SourceOperatingSystems.Select(o => o.Code));
        AssertUnique(Catalogue.ProductVersionCalTypes.Select(x => $"{x.ProductVersionCode}/{x.CalTypeCode}"));
    }

    [Fact]
    public void Programs_AreTheEightOfTheDesign()
    {
        Assert.Equal(
            [
                "License Pack (Retail Purchase)", "Open License", "Select License", "Enterprise Agreement",
                "Campus Agreement", "School Agreement", "Services Provider License Agreement", "Other Agreement",
            ],
            Catalogue.Programs.OrderBy(p => p.SortOrder).Select(p => p.Name));
        Assert.All(
            Catalogue.Programs.Where(p => p.Kind == ProgramKind.Agreement),
            p => Assert.False(string.IsNullOrWhiteSpace(p.ReferenceLabel), p.Code));
    }

    [Theory]
    [InlineData("windows-server-2012")]
    [InlineData("windows-server-2016")]
    [InlineData("windows-server-2019")]
    [InlineData("windows-server-2022")]
    [InlineData("windows-server-2025")]
    public void CalTypesFor_2012To2025_AreRdsPerDevicePerUserAndVdiSuite(string version)
    {
        Assert.Equal(
            ["RDS Per Device CAL", "RDS Per User CAL", "VDI Suite"],
            Catalogue.CalTypesFor(version).Select(t => t.Name));
        Assert.False(Catalogue.IsCalTypeSoldFor(version, "ts-rds-per-device"));
    }

    [Fact]
    public void CalTypesFor_2008R2_AreTheFiveTerminalServicesAndVdiTypes()
    {
        Assert.Equal(
            ["TS/RDS Per Device CAL", "TS/RDS Per User CAL", "VDI Standard", "VDI Premium", "VDI Suite"],
            Catalogue.CalTypesFor("windows-server-2008-r2").Select(t => t.Name));
        Assert.False(Catalogue.IsCalTypeSoldFor("windows-server-2008-r2", "rds-per-user"));
    }

    [Fact]
    public void ProductVersionCalTypes_CoverEveryVersionWithKnownCodesOnly()
    {
        Assert.Equal(6, Catalogue.ProductVersions.Count);
        Assert.Equal(20, Catalogue.ProductVersionCalTypes.Count);
        Assert.All(Catalogue.ProductVersionCalTypes, x =>
        {
            Assert.NotNull(Catalogue.FindProductVersion(x.ProductVersionCode));
            Assert.NotNull(Catalogue.FindCalType(x.CalTypeCode));
        });
        Assert.False(Catalogue.IsCalTypeSoldFor(null, "vdi-suite"));
        Assert.False(Catalogue.IsCalTypeSoldFor("windows-server-2003", "vdi-suite"));
    }

    [Fact]
    public void Quantity_RangesFrom1To9999()
    {
        Assert.Equal(1, Catalogue.MinQuantity);
        Assert.Equal(9_999, Catalogue.MaxQuantity);
    }

    [Fact]
    public void RecoveryReasons_AreTheTwoTextsOfTheDesign()
    {
        Assert.Equal(
            [
                "The source license server is being replaced by this license server",
                "The source license server is no longer functioning",
            ],
            Catalogue.RecoveryReasons.OrderBy(r => r.SortOrder).Select(r => r.Text));
    }

    [Fact]
    public void ReactivationReasons_AreTheFiveOfTheDesign()
    {
        var reactivation = Catalogue.Reasons.Where(r => r.Purpose == ReasonPurpose.Reactivation).Select(r => r.Code);

        Assert.Equal(
            ["redeployed", "certificate-corrupt", "private-key-compromised", "activation-key-expired", "upgraded"],
            reactivation);
    }

    private static void AssertUnique(IEnumerable<string> codes)
    {
        var list = codes.ToList();
        Assert.NotEmpty(list);
        Assert.Equal(list.Count, list.Distinct(StringComparer.Ordinal).Count());
    }
}
