using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearinghouse.Web.Data.Configurations;

internal static class Columns
{
    public const int Id = 35;
    public const int Code = CatalogueColumns.Code;
    public const int Channel = 16;
    public const int Name = 100;
    public const int Address = 200;
    public const int Email = 254;
    public const int Phone = 40;

    /// <summary>Up to <see cref="Licensing.CalRequestRules.MaxRetailLicenseCodes"/> codes of 25 characters, one per line.</summary>
    public const int RetailLicenseCodes = Licensing.CalRequestRules.MaxRetailLicenseCodes * 26;
}

internal sealed class LicenseServerConfiguration : IEntityTypeConfiguration<LicenseServer>
{
    public void Configure(EntityTypeBuilder<LicenseServer> builder)
    {
        builder.ToTable("LicenseServers");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(Columns.Id).IsUnicode(false);
    }
}

internal sealed class CalRequestConfiguration : IEntityTypeConfiguration<CalRequest>
{
    public void Configure(EntityTypeBuilder<CalRequest> builder)
    {
        builder.ToTable("CalRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(Columns.Channel);

        // Until the request is submitted the target server is only typed text, not yet a known server.
        builder.Property(r => r.TargetLicenseServerId).HasMaxLength(Columns.Id).IsUnicode(false);
        builder.Property(r => r.ReasonCode).HasMaxLength(Columns.Code);
        builder.Property(r => r.LicenseProgramCode).HasMaxLength(Columns.Code);
        builder.HasOne<Reason>().WithMany().HasForeignKey(r => r.ReasonCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LicenseProgram>().WithMany().HasForeignKey(r => r.LicenseProgramCode).OnDelete(DeleteBehavior.Restrict);

        builder.Property(r => r.LastName).HasMaxLength(Columns.Name);
        builder.Property(r => r.FirstName).HasMaxLength(Columns.Name);
        builder.Property(r => r.CompanyName).HasMaxLength(Columns.Name);
        builder.Property(r => r.CountryRegionCode).HasMaxLength(2).IsFixedLength();
        builder.HasOne<CountryRegion>().WithMany().HasForeignKey(r => r.CountryRegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.OrganizationalUnit).HasMaxLength(Columns.Name);
        builder.Property(r => r.StreetAddress).HasMaxLength(Columns.Address);
        builder.Property(r => r.City).HasMaxLength(Columns.Name);
        builder.Property(r => r.StateProvince).HasMaxLength(Columns.Name);
        builder.Property(r => r.PostalCode).HasMaxLength(20);
        builder.Property(r => r.Email).HasMaxLength(Columns.Email);
        builder.Property(r => r.Phone).HasMaxLength(Columns.Phone);

        builder.Property(r => r.AgreementNumber).HasMaxLength(7).IsUnicode(false);
        builder.Property(r => r.OpenLicenseNumber).HasMaxLength(8).IsUnicode(false);
        builder.Property(r => r.OpenLicenseAuthorizationNumber).HasMaxLength(15).IsUnicode(false);
        builder.Property(r => r.RetailLicenseCodes).HasMaxLength(Columns.RetailLicenseCodes).IsUnicode(false);
        builder.Property(r => r.ProductVersionCode).HasMaxLength(Columns.Code);
        builder.Property(r => r.CalTypeCode).HasMaxLength(Columns.Code);
        builder.HasOne<ProductVersion>().WithMany().HasForeignKey(r => r.ProductVersionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CalType>().WithMany().HasForeignKey(r => r.CalTypeCode).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class KeyPackConfiguration : IEntityTypeConfiguration<KeyPack>
{
    public void Configure(EntityTypeBuilder<KeyPack> builder)
    {
        builder.ToTable("KeyPacks");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(Columns.Id).IsUnicode(false);
        builder.Property(k => k.LicenseServerId).HasMaxLength(Columns.Id).IsUnicode(false);
        builder.HasOne<LicenseServer>().WithMany().HasForeignKey(k => k.LicenseServerId).OnDelete(DeleteBehavior.Restrict);

        // One request issues one key pack, however often its review page is submitted.
        builder.HasOne(k => k.Request).WithOne(r => r.KeyPack).HasForeignKey<KeyPack>(k => k.RequestId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => k.RequestId).IsUnique();

        builder.Property(k => k.Channel).HasConversion<string>().HasMaxLength(Columns.Channel);
        builder.Property(k => k.LicenseProgramCode).HasMaxLength(Columns.Code);
        builder.Property(k => k.ProductVersionCode).HasMaxLength(Columns.Code);
        builder.Property(k => k.CalTypeCode).HasMaxLength(Columns.Code);
        builder.HasOne<LicenseProgram>().WithMany().HasForeignKey(k => k.LicenseProgramCode).OnDelete(DeleteBehavior.Restrict);

        // The pair must be one the catalogue sells: no RDS Per User CALs for 2008 R2, whatever the code path.
        builder.HasOne<ProductVersionCalType>().WithMany()
            .HasForeignKey(k => new { k.ProductVersionCode, k.CalTypeCode }).OnDelete(DeleteBehavior.Restrict);

        builder.ToTable(t => t.HasCheckConstraint(
            "CK_KeyPacks_Quantity", $"Quantity BETWEEN {Catalogue.MinQuantity} AND {Catalogue.MaxQuantity}"));
        builder.HasIndex(k => k.LicenseServerId);
        builder.HasIndex(k => k.IssuedAt);

        builder.HasOne(k => k.Installation).WithOne().HasForeignKey<KeyPackInstallation>(i => i.KeyPackId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KeyPackInstallationConfiguration : IEntityTypeConfiguration<KeyPackInstallation>
{
    public void Configure(EntityTypeBuilder<KeyPackInstallation> builder)
    {
        builder.ToTable("KeyPackInstallations");

        // The key is the key pack itself: the database admits exactly one installation per key pack.
        builder.HasKey(i => i.KeyPackId);
        builder.Property(i => i.KeyPackId).HasMaxLength(Columns.Id).IsUnicode(false);
        builder.Property(i => i.LicenseServerId).HasMaxLength(Columns.Id).IsUnicode(false);
        builder.HasOne<LicenseServer>().WithMany().HasForeignKey(i => i.LicenseServerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.LicenseServerId);
    }
}
