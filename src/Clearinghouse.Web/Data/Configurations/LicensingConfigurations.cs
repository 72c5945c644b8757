using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearinghouse.Web.Data.Configurations;

internal sealed class LicenseServerConfiguration : IEntityTypeConfiguration<LicenseServer>
{
    public void Configure(EntityTypeBuilder<LicenseServer> builder)
    {
        builder.ToTable("LicenseServers");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(FieldLengths.Id).IsUnicode(false);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.ProductId).HasMaxLength(FieldLengths.ProductId).IsUnicode(false);
        builder.Property(s => s.OperatingSystemCode).HasMaxLength(FieldLengths.Code);
        builder.HasOne<SourceOperatingSystem>().WithMany().HasForeignKey(s => s.OperatingSystemCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.ProductVersionCode).HasMaxLength(FieldLengths.Code);
        builder.HasOne<ProductVersion>().WithMany().HasForeignKey(s => s.ProductVersionCode).OnDelete(DeleteBehavior.Restrict);

        // A reactivated server points at the ID it was given; one server replaces at most one.
        builder.Property(s => s.ReplacedById).HasMaxLength(FieldLengths.Id).IsUnicode(false);
        builder.HasOne<LicenseServer>().WithOne().HasForeignKey<LicenseServer>(s => s.ReplacedById).OnDelete(DeleteBehavior.Restrict);

        // A Bearer credential is looked up by its hash; 256 random bits make two servers sharing one impossible.
        builder.Property(s => s.CredentialHash).HasMaxLength(FieldLengths.CredentialHash);
        builder.HasIndex(s => s.CredentialHash).IsUnique();

        builder.Property(s => s.DeactivationConfirmationCode).HasMaxLength(FieldLengths.Id).IsUnicode(false);
    }
}

internal sealed class CalRequestConfiguration : IEntityTypeConfiguration<CalRequest>
{
    public void Configure(EntityTypeBuilder<CalRequest> builder)
    {
        builder.ToTable("CalRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(FieldLengths.Channel);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(FieldLengths.Kind);

        // Every save checks that nobody saved the request in between (submitting it included): a step posted from a
        // stale tab cannot change a request once its key pack is issued. See ClearinghouseDbContext.SaveChanges.
        builder.Property(r => r.Version).IsConcurrencyToken();

        // Until the request is submitted the target server is only typed text, not yet a known server.
        builder.Property(r => r.TargetLicenseServerId).HasMaxLength(FieldLengths.Id).IsUnicode(false);
        builder.Property(r => r.ReasonCode).HasMaxLength(FieldLengths.Code);
        builder.Property(r => r.LicenseProgramCode).HasMaxLength(FieldLengths.Code);
        builder.HasOne<Reason>().WithMany().HasForeignKey(r => r.ReasonCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LicenseProgram>().WithMany().HasForeignKey(r => r.LicenseProgramCode).OnDelete(DeleteBehavior.Restrict);

        builder.Property(r => r.LastName).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.FirstName).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.CompanyName).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.CountryRegionCode).HasMaxLength(FieldLengths.CountryRegionCode).IsFixedLength();
        builder.HasOne<CountryRegion>().WithMany().HasForeignKey(r => r.CountryRegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.OrganizationalUnit).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.StreetAddress).HasMaxLength(FieldLengths.Text);
        builder.Property(r => r.City).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.StateProvince).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.PostalCode).HasMaxLength(FieldLengths.PostalCode);
        builder.Property(r => r.Email).HasMaxLength(FieldLengths.Email);
        builder.Property(r => r.Phone).HasMaxLength(FieldLengths.Phone);

        builder.Property(r => r.AgreementNumber).HasMaxLength(FieldLengths.AgreementNumber).IsUnicode(false);
        builder.Property(r => r.OpenLicenseNumber).HasMaxLength(FieldLengths.OpenLicenseNumber).IsUnicode(false);
        builder.Property(r => r.OpenLicenseAuthorizationNumber).HasMaxLength(FieldLengths.OpenLicenseAuthorizationNumber).IsUnicode(false);
        builder.Property(r => r.RetailLicenseCodes).HasMaxLength(FieldLengths.RetailLicenseCodes).IsUnicode(false);
        builder.Property(r => r.ProductVersionCode).HasMaxLength(FieldLengths.Code);
        builder.Property(r => r.CalTypeCode).HasMaxLength(FieldLengths.Code);
        builder.HasOne<ProductVersion>().WithMany().HasForeignKey(r => r.ProductVersionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CalType>().WithMany().HasForeignKey(r => r.CalTypeCode).OnDelete(DeleteBehavior.Restrict);

        builder.Property(r => r.ProductId).HasMaxLength(FieldLengths.ProductId).IsUnicode(false);
        builder.Property(r => r.OperatingSystemCode).HasMaxLength(FieldLengths.Code);
        builder.HasOne<SourceOperatingSystem>().WithMany().HasForeignKey(r => r.OperatingSystemCode).OnDelete(DeleteBehavior.Restrict);

        // One request issues at most one License Server ID (activation, reactivation), however often it is submitted.
        builder.Property(r => r.IssuedLicenseServerId).HasMaxLength(FieldLengths.Id).IsUnicode(false);
        builder.HasOne<LicenseServer>().WithOne().HasForeignKey<CalRequest>(r => r.IssuedLicenseServerId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(r => r.CreatedAt);

        // A representative's account is disabled, never deleted: the requests they entered keep naming them.
        builder.Property(r => r.RepresentativeId).HasMaxLength(450);
        builder.HasOne<ConsoleUser>().WithMany().HasForeignKey(r => r.RepresentativeId).OnDelete(DeleteBehavior.Restrict);

        // The console finds a caller's earlier requests by the ID of the server they were for.
        builder.HasIndex(r => r.TargetLicenseServerId);

        // Abandoned drafts are found by age and deleted (DraftPurge).
        builder.HasIndex(r => new { r.SubmittedAt, r.UpdatedAt });
    }
}

internal sealed class KeyPackConfiguration : IEntityTypeConfiguration<KeyPack>
{
    public void Configure(EntityTypeBuilder<KeyPack> builder)
    {
        builder.ToTable("KeyPacks");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(FieldLengths.Id).IsUnicode(false);
        builder.Property(k => k.LicenseServerId).HasMaxLength(FieldLengths.Id).IsUnicode(false);
        builder.HasOne<LicenseServer>().WithMany().HasForeignKey(k => k.LicenseServerId).OnDelete(DeleteBehavior.Restrict);

        // One request issues one key pack, however often its review page is submitted.
        builder.HasOne(k => k.Request).WithOne(r => r.KeyPack).HasForeignKey<KeyPack>(k => k.RequestId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => k.RequestId).IsUnique();

        builder.Property(k => k.Channel).HasConversion<string>().HasMaxLength(FieldLengths.Channel);
        builder.Property(k => k.Purpose).HasConversion<string>().HasMaxLength(FieldLengths.Kind);
        builder.Property(k => k.Version).IsConcurrencyToken();

        // Key packs of one purchase: what a migration moves and what its totals add up (active ones: not migrated). The
        // rules read the active ones of a purchase's CALs, all of them (strict mode's total) or those on servers other
        // than a migration's target: the index leads to exactly those, however many key packs the purchase has had
        // migrated away or migrated to the target before (a lab migrates one agreement's CALs to one server thousands of
        // times; by the purchase reference alone, each migration walked them all).
        builder.Property(k => k.PurchaseReference).HasMaxLength(FieldLengths.PurchaseReference).IsUnicode(false);
        builder.HasIndex(k => new { k.PurchaseReference, k.ProductVersionCode, k.CalTypeCode, k.MigratedToKeyPackId, k.LicenseServerId, k.IssuedAt })
            .HasDatabaseName("IX_KeyPacks_ActiveOfPurchase");
        builder.HasOne<Purchase>().WithMany().HasForeignKey(k => k.PurchaseId).OnDelete(DeleteBehavior.Restrict);

        // A migrated key pack points at the one that holds its CALs now.
        builder.Property(k => k.MigratedToKeyPackId).HasMaxLength(FieldLengths.Id).IsUnicode(false);
        builder.HasOne<KeyPack>().WithMany().HasForeignKey(k => k.MigratedToKeyPackId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(k => k.LicenseProgramCode).HasMaxLength(FieldLengths.Code);
        builder.Property(k => k.ProductVersionCode).HasMaxLength(FieldLengths.Code);
        builder.Property(k => k.CalTypeCode).HasMaxLength(FieldLengths.Code);
        builder.HasOne<LicenseProgram>().WithMany().HasForeignKey(k => k.LicenseProgramCode).OnDelete(DeleteBehavior.Restrict);

        // The pair must be one the catalogue sells: no RDS Per User CALs for 2008 R2, whatever the code path.
        builder.HasOne<ProductVersionCalType>().WithMany()
            .HasForeignKey(k => new { k.ProductVersionCode, k.CalTypeCode }).OnDelete(DeleteBehavior.Restrict);

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
        builder.Property(i => i.KeyPackId).HasMaxLength(FieldLengths.Id).IsUnicode(false);
        builder.Property(i => i.LicenseServerId).HasMaxLength(FieldLengths.Id).IsUnicode(false);
        builder.HasOne<LicenseServer>().WithMany().HasForeignKey(i => i.LicenseServerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.LicenseServerId);
    }
}

internal sealed class RetailLicenseCodeConfiguration : IEntityTypeConfiguration<RetailLicenseCode>
{
    public void Configure(EntityTypeBuilder<RetailLicenseCode> builder)
    {
        builder.ToTable("RetailLicenseCodes");

        // The key is the code itself: the database admits one use of each.
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(FieldLengths.RetailLicenseCode).IsUnicode(false);
        builder.Property(c => c.KeyPackId).HasMaxLength(FieldLengths.Id).IsUnicode(false);
        builder.HasOne<KeyPack>().WithMany().HasForeignKey(c => c.KeyPackId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.KeyPackId);
    }
}

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> builder)
    {
        builder.ToTable("Purchases");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.LicenseProgramCode).HasMaxLength(FieldLengths.Code);
        builder.HasOne<LicenseProgram>().WithMany().HasForeignKey(p => p.LicenseProgramCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Reference).HasMaxLength(FieldLengths.PurchaseReference).IsUnicode(false);
        builder.Property(p => p.ProductVersionCode).HasMaxLength(FieldLengths.Code);
        builder.Property(p => p.CalTypeCode).HasMaxLength(FieldLengths.Code);
        builder.HasOne<ProductVersionCalType>().WithMany()
            .HasForeignKey(p => new { p.ProductVersionCode, p.CalTypeCode }).OnDelete(DeleteBehavior.Restrict);

        // One registration per product under one proof of purchase.
        builder.HasIndex(p => new { p.LicenseProgramCode, p.Reference, p.ProductVersionCode, p.CalTypeCode }).IsUnique();
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Scope).HasMaxLength(FieldLengths.IdempotencyScope).IsUnicode(false);
        builder.Property(r => r.Key).HasMaxLength(FieldLengths.IdempotencyKey).IsUnicode(false);
        builder.Property(r => r.FingerprintHash).HasMaxLength(FieldLengths.CredentialHash);
        builder.Property(r => r.Location).HasMaxLength(FieldLengths.IdempotencyScope).IsUnicode(false);
        builder.Property(r => r.ContentType).HasMaxLength(FieldLengths.Name).IsUnicode(false);

        // Of two requests racing with one key, the database lets exactly one record in: that one runs.
        builder.HasIndex(r => new { r.Scope, r.Key }).IsUnique();

        // Expired records are found by age and deleted (IdempotencyPurge).
        builder.HasIndex(r => r.CreatedAt);
    }
}
