using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearinghouse.Web.Data.Configurations;

// The fixed catalogue tables are seeded from Licensing/Catalogue.cs, so a change to them arrives as a migration and
// is versioned with the schema. They exist so that every code stored elsewhere is checked by a foreign key. Countries
// and regions are the exception: their phone numbers are the lab's to change, so they are seeded at start instead
// (CatalogueSeeder), never by a migration.

internal sealed class LicenseProgramConfiguration : IEntityTypeConfiguration<LicenseProgram>
{
    public void Configure(EntityTypeBuilder<LicenseProgram> builder)
    {
        builder.ToTable("LicensePrograms");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(FieldLengths.Code);
        builder.Property(p => p.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(FieldLengths.Code);
        builder.Property(p => p.ReferenceLabel).HasMaxLength(FieldLengths.Name);
        builder.HasData(Catalogue.Programs);
    }
}

internal sealed class ProductVersionConfiguration : IEntityTypeConfiguration<ProductVersion>
{
    public void Configure(EntityTypeBuilder<ProductVersion> builder)
    {
        builder.ToTable("ProductVersions");
        builder.HasKey(v => v.Code);
        builder.Property(v => v.Code).HasMaxLength(FieldLengths.Code);
        builder.Property(v => v.Name).HasMaxLength(FieldLengths.Name);
        builder.HasData(Catalogue.ProductVersions);
    }
}

internal sealed class CalTypeConfiguration : IEntityTypeConfiguration<CalType>
{
    public void Configure(EntityTypeBuilder<CalType> builder)
    {
        builder.ToTable("CalTypes");
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(FieldLengths.Code);
        builder.Property(t => t.Name).HasMaxLength(FieldLengths.Name);
        builder.HasData(Catalogue.CalTypes);
    }
}

internal sealed class ProductVersionCalTypeConfiguration : IEntityTypeConfiguration<ProductVersionCalType>
{
    public void Configure(EntityTypeBuilder<ProductVersionCalType> builder)
    {
        builder.ToTable("ProductVersionCalTypes");
        builder.HasKey(x => new { x.ProductVersionCode, x.CalTypeCode });
        builder.Property(x => x.ProductVersionCode).HasMaxLength(FieldLengths.Code);
        builder.Property(x => x.CalTypeCode).HasMaxLength(FieldLengths.Code);
        builder.HasOne<ProductVersion>().WithMany().HasForeignKey(x => x.ProductVersionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CalType>().WithMany().HasForeignKey(x => x.CalTypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasData(Catalogue.ProductVersionCalTypes);
    }
}

internal sealed class ReasonConfiguration : IEntityTypeConfiguration<Reason>
{
    public void Configure(EntityTypeBuilder<Reason> builder)
    {
        builder.ToTable("Reasons");
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(FieldLengths.Code);
        builder.Property(r => r.Purpose).HasConversion<string>().HasMaxLength(FieldLengths.Code);
        builder.Property(r => r.Text).HasMaxLength(FieldLengths.Text);
        builder.HasData(Catalogue.Reasons);
    }
}

internal sealed class SourceOperatingSystemConfiguration : IEntityTypeConfiguration<SourceOperatingSystem>
{
    public void Configure(EntityTypeBuilder<SourceOperatingSystem> builder)
    {
        builder.ToTable("SourceOperatingSystems");
        builder.HasKey(o => o.Code);
        builder.Property(o => o.Code).HasMaxLength(FieldLengths.Code);
        builder.Property(o => o.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(o => o.ProductVersionCode).HasMaxLength(FieldLengths.Code);
        builder.HasOne<ProductVersion>().WithMany().HasForeignKey(o => o.ProductVersionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasData(Catalogue.SourceOperatingSystems);
    }
}

internal sealed class CountryRegionConfiguration : IEntityTypeConfiguration<CountryRegion>
{
    public void Configure(EntityTypeBuilder<CountryRegion> builder)
    {
        builder.ToTable("CountriesRegions");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(FieldLengths.CountryRegionCode).IsFixedLength();
        builder.Property(c => c.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(c => c.CallingCode).HasMaxLength(FieldLengths.CallingCode);
        builder.Property(c => c.PhoneNumber).HasMaxLength(FieldLengths.Phone);
    }
}
